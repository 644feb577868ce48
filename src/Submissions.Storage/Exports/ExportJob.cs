namespace Submissions.Storage.Exports;

/// <summary>
/// An export job as the app reads and writes it. <see cref="From"/> and <see cref="To"/> keep the offsets they were
/// given (the file name carries the dates as written); <see cref="RequestedBy"/> is the audit log's actor.
/// </summary>
public sealed record ExportJob(
    string JobId,
    string Kind,
    DateTimeOffset From,
    DateTimeOffset To,
    string Format,
    string RequestedBy,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FinishedAt = null,
    int? Rows = null,
    string? ErrorCode = null,
    int Attempts = 0)
{
    public bool IsFinished => Status is ExportJobStatus.Succeeded or ExportJobStatus.Failed;
}
