using Azure.Data.Tables;

namespace Submissions.Storage.Audit;

/// <summary>The append-only audit log of admin access to personal data.</summary>
public sealed class AuditLog(SubmissionsTables tables)
{
    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return AppendAsync(AuditEntity.Create(record.Actor, record.Action, record.Scope, record.SubjectReference, record.Count, record.At), cancellationToken);
    }

    public Task AppendAsync(AuditEntity record, CancellationToken cancellationToken) =>
        tables.Audit.AddEntityAsync(record, cancellationToken);

    /// <summary>The records of one month, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntity>> ReadMonthAsync(string month, CancellationToken cancellationToken)
    {
        var records = new List<AuditEntity>();
        await foreach (var record in tables.Audit.QueryAsync<AuditEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {month}"), cancellationToken: cancellationToken))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>The records from <paramref name="start"/> to <paramref name="end"/> (exclusive), newest first, a page at a time.</summary>
    public async Task<ScanPage<AuditRecord>> ReadRangeAsync(DateTimeOffset start, DateTimeOffset end, int pageSize, string? cursor, CancellationToken cancellationToken) =>
        (await NewestFirstMonthlyLog.ReadAsync<AuditEntity>(tables.Audit, start, end, pageSize, cursor, cancellationToken))
            .Select(row => new AuditRecord(row.Actor, row.Action, row.Scope, row.SubjectReference, row.Count, row.At));
}
