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
        await tables.Subjects.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }
}
