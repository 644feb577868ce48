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
        var row = Row(subjectKey, kind, table, partition, partition, recordRowKey, createdAt);
        await tables.Subjects.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Removes the index row of a submission that stored nothing (its key was already used), so a retried form leaves
    /// no pointer behind — or of a pending submission that became a record or was dropped. Only for index rows of this
    /// attempt alone: a comment's or a pending submission's, whose record row key is new each time.
    /// </summary>
    public Task RemoveAsync(string subjectKey, string kind, string partition, string recordRowKey, CancellationToken cancellationToken) =>
        tables.Subjects.DeleteEntityAsync(subjectKey, SubjectRecordEntity.RowKeyFor(kind, partition, recordRowKey), ETag.All, cancellationToken);

    /// <summary>
    /// Adds the index row of a record unique per person in its place — a vote: one per person per poll, whichever vote
    /// partition holds it — as the claim that makes it unique: the Add fails (null) when the person has one already.
    /// The row key names <paramref name="keyPartition"/> (the poll), the row <paramref name="partition"/> (where the
    /// record goes). The version of the row added, so only this claim can release or keep it.
    /// </summary>
    public async Task<ETag?> TryClaimAsync(
        string subjectKey, string kind, string table, string keyPartition, string partition, string recordRowKey, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        var row = Row(subjectKey, kind, table, keyPartition, partition, recordRowKey, createdAt);
        try
        {
            var response = await tables.Subjects.AddEntityAsync(row, cancellationToken);
            return response.Headers.ETag ?? ETag.All;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <summary>One point read of an index row.</summary>
    public async Task<SubjectRecordEntity?> FindAsync(string subjectKey, string rowKey, CancellationToken cancellationToken)
    {
        var row = await tables.Subjects.GetEntityIfExistsAsync<SubjectRecordEntity>(subjectKey, rowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>
    /// Points a claim whose record never came (its submission failed after claiming) at a new record, under the version
    /// read: null when somebody changed or removed it since.
    /// </summary>
    public async Task<ETag?> TryTakeOverAsync(SubjectRecordEntity row, string partition, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        row.Partition = partition;
        row.CreatedAt = createdAt;
        try
        {
            var response = await tables.Subjects.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag ?? ETag.All;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>Removes a claim whose submission stored nothing, only if it is still the version this claim wrote.</summary>
    public async Task ReleaseAsync(string subjectKey, string rowKey, ETag version, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Subjects.DeleteEntityAsync(subjectKey, rowKey, version, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Gone, or taken over since: not this claim's any more.
        }
    }

    /// <summary>An index row: its key names <paramref name="keyPartition"/>, its columns where the record is.</summary>
    private static SubjectRecordEntity Row(
        string subjectKey, string kind, string table, string keyPartition, string partition, string recordRowKey, DateTimeOffset createdAt) => new()
        {
            PartitionKey = subjectKey,
            RowKey = SubjectRecordEntity.RowKeyFor(kind, keyPartition, recordRowKey),
            Kind = kind,
            Table = table,
            Partition = partition,
            RecordRowKey = recordRowKey,
            CreatedAt = createdAt,
        };
}
