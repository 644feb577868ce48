using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Exports;

/// <summary>
/// One export job (PartitionKey = job id, RowKey <see cref="JobRowKey"/>). The range is kept as ISO-8601 text: a table
/// keeps a DateTimeOffset in UTC only, and the file name wants the offsets as given.
/// </summary>
public sealed class ExportJobEntity : ITableEntity
{
    public const string JobRowKey = "job";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = JobRowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = string.Empty;
    public string From { get; set; } = string.Empty;
    public string To { get; set; } = string.Empty;
    public string Format { get; set; } = string.Empty;
    public string RequestedBy { get; set; } = string.Empty;

    /// <summary><see cref="ExportJobStatus"/>.</summary>
    public string Status { get; set; } = ExportJobStatus.Queued;

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int? Rows { get; set; }
    public string? ErrorCode { get; set; }
    public int Attempts { get; set; }

    public static ExportJobEntity Of(ExportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new ExportJobEntity
        {
            PartitionKey = job.JobId,
            Kind = job.Kind,
            From = job.From.ToString("O", CultureInfo.InvariantCulture),
            To = job.To.ToString("O", CultureInfo.InvariantCulture),
            Format = job.Format,
            RequestedBy = job.RequestedBy,
            Status = job.Status,
            CreatedAt = job.CreatedAt,
            StartedAt = job.StartedAt,
            FinishedAt = job.FinishedAt,
            Rows = job.Rows,
            ErrorCode = job.ErrorCode,
            Attempts = job.Attempts,
        };
    }

    public ExportJob ToJob() => new(
        PartitionKey,
        Kind,
        DateTimeOffset.Parse(From, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        DateTimeOffset.Parse(To, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        Format,
        RequestedBy,
        Status,
        CreatedAt,
        StartedAt,
        FinishedAt,
        Rows,
        ErrorCode,
        Attempts);
}
