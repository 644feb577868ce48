using Submissions.Storage.Exports;

namespace Submissions.Application.Exports;

/// <summary>
/// An export job as GET manage/export-jobs/{jobId} (and the 202 that queued it) answers: what was asked, how far it got,
/// and its links. Who asked stays in the job's row and the audit log.
/// </summary>
public sealed record ExportJobView(
    string JobId,
    string Status,
    string Kind,
    DateTimeOffset From,
    DateTimeOffset To,
    string Format,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    int? Rows,
    string? ErrorCode,
    ExportJobLinks Links)
{
    /// <summary>The job's status route (host.json's route prefix included), the Location of the 202.</summary>
    public static string PathOf(string jobId) => $"/api/manage/export-jobs/{jobId}";

    public static ExportJobView Of(ExportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var self = PathOf(job.JobId);
        return new ExportJobView(
            job.JobId,
            job.Status,
            job.Kind,
            job.From,
            job.To,
            job.Format,
            job.CreatedAt,
            job.FinishedAt,
            job.Rows,
            job.ErrorCode,
            new ExportJobLinks(self, job.Status == ExportJobStatus.Succeeded ? self + "/file" : null));
    }
}
