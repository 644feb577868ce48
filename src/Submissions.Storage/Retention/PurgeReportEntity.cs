using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Retention;

/// <summary>
/// What one purge removed in one run: counts only, never an id of a person or of a record, so the report itself never
/// needs purging. PartitionKey = run month (yyyy-MM); RowKey = inverted ticks of the run, then the kind, newest first.
/// </summary>
public sealed class PurgeReportEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>One of <see cref="PurgeKinds"/>.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>Records removed: comments, promotion entries or idempotency records (see <see cref="PurgeKinds"/>).</summary>
    public int Count { get; set; }

    /// <summary>What was due: created (or, for promotions, ended) before this instant.</summary>
    public DateTimeOffset Cutoff { get; set; }

    public DateTimeOffset RanAt { get; set; }

    /// <summary>Shared by the rows of one run, so its purges can be read together.</summary>
    public string RunId { get; set; } = string.Empty;

    public static string PartitionFor(DateTimeOffset ranAt) => ranAt.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string RowKeyFor(DateTimeOffset ranAt, string kind) =>
        string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.MaxValue.UtcTicks - ranAt.UtcTicks:D19}~{kind}");
}
