using Azure.Data.Tables;

namespace Submissions.Storage.Retention;

/// <summary>Writes the purge report (<see cref="PurgeReportEntity"/>).</summary>
public sealed class PurgeReportStore(SubmissionsTables tables)
{
    /// <summary>One row per purge kind per run; an upsert, so writing the same run's row again is harmless.</summary>
    public async Task RecordAsync(string kind, int count, DateTimeOffset cutoff, DateTimeOffset ranAt, string runId, CancellationToken cancellationToken)
    {
        var row = new PurgeReportEntity
        {
            PartitionKey = PurgeReportEntity.PartitionFor(ranAt),
            RowKey = PurgeReportEntity.RowKeyFor(ranAt, kind),
            Kind = kind,
            Count = count,
            Cutoff = cutoff,
            RanAt = ranAt,
            RunId = runId,
        };
        await tables.PurgeReports.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The rows of the runs from <paramref name="start"/> to <paramref name="end"/> (exclusive), newest first, a page at a time.</summary>
    public async Task<ScanPage<PurgeReport>> ReadRangeAsync(DateTimeOffset start, DateTimeOffset end, int pageSize, string? cursor, CancellationToken cancellationToken) =>
        (await NewestFirstMonthlyLog.ReadAsync<PurgeReportEntity>(tables.PurgeReports, start, end, pageSize, cursor, cancellationToken))
            .Select(row => new PurgeReport(row.Kind, row.Count, row.Cutoff, row.RanAt, row.RunId));
}
