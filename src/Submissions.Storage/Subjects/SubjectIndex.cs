using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Subjects;

/// <summary>Writes the person's index rows (<see cref="SubjectRecordEntity"/>) into their partition of Subjects.</summary>
public sealed class SubjectIndex(SubmissionsTables tables)
{
    /// <summary>
    /// Records where a submission is about to be stored. An upsert, so a retried request rewrites the same row; it
    /// must complete before the record's own transaction starts (see <see cref="SubjectRecordEntity"/>).
    /// </summary>
    public async Task RecordAsync(string subjectKey, string kind, string table, string partition, string recordRowKey, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        var row = new SubjectRecordEntity
        {
            PartitionKey = subjectKey,
            RowKey = SubjectRecordEntity.RowKeyFor(kind, partition, recordRowKey),
            Kind = kind,
            Table = table,
            Partition = partition,
            RecordRowKey = recordRowKey,
            CreatedAt = createdAt,
        };
        await tables.Subjects.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Removes the index row of a submission that stored nothing (its key was already used), so a retried form leaves
    /// no pointer behind — or of a pending submission that became a record or was dropped. Only for index rows of this
    /// attempt alone: a comment's or a pending submission's, whose record row key is new each time.
    /// </summary>
    public Task RemoveAsync(string subjectKey, string kind, string partition, string recordRowKey, CancellationToken cancellationToken) =>
        tables.Subjects.DeleteEntityAsync(subjectKey, SubjectRecordEntity.RowKeyFor(kind, partition, recordRowKey), ETag.All, cancellationToken);
}
