using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Audit;
using Submissions.Application.Http;
using Submissions.Storage;
using Submissions.Storage.Exports;
using Submissions.Storage.Queues;

namespace Submissions.Application.Exports;

/// <summary>
/// Export jobs over HTTP: queueing one (from GET manage/exports/{kind}), GET manage/export-jobs/{jobId} for its status
/// and GET manage/export-jobs/{jobId}/file for its file. The file is audited like a streamed export, before its first
/// byte: who downloaded which export, and how many rows it holds.
/// </summary>
public sealed partial class ExportJobsHandler(
    ExportJobStore store,
    SubmissionsQueues queues,
    AdminAudit audit,
    IOptions<FormOptions> formOptions,
    TimeProvider time,
    ILogger<ExportJobsHandler> logger)
{
    public const string QueuedAction = "export-job-queued";
    public const string DownloadedAction = "export-job-downloaded";

    /// <summary>
    /// Records the job (requested by the audit log's actor), audits it and queues its id: 202 with its status link. The
    /// row comes first, so a message never names a job that does not exist; a row whose message was never sent stays
    /// queued until the retention purge removes it.
    /// </summary>
    public async Task<IActionResult> QueueAsync(HttpRequest request, ExportRequest export, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(export);
        var job = new ExportJob(
            ExportJobIds.New(), export.Kind, export.Range.From, export.Range.To, export.Format.Name, audit.ActorFor(request), ExportJobStatus.Queued, time.GetUtcNow());
        try
        {
            await audit.RecordAsync(request, QueuedAction, export.JobScope(job.JobId), null, 0, cancellationToken);
            await store.AddAsync(job, cancellationToken);
            await queues.SendExportJobAsync(job.JobId, cancellationToken);
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return Unavailable(ex, "queue", "The export job could not be queued.");
        }

        LogQueued(logger, job.JobId, export.Kind, export.Format.Name);
        var view = ExportJobView.Of(job);
        return new ApiResult(StatusCodes.Status202Accepted, view).WithHeader("Location", view.Links.Self);
    }

    public async Task<IActionResult> GetAsync(string jobId, CancellationToken cancellationToken)
    {
        try
        {
            return await FindAsync(jobId, cancellationToken) is { } job ? ApiResult.Ok(ExportJobView.Of(job)) : NotFound();
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return Unavailable(ex, "status", "The export job could not be read.");
        }
    }

    /// <summary>The file of a job that has succeeded: 404 for no such job (or a file already purged), 409 before then.</summary>
    public async Task<IActionResult> DownloadAsync(HttpRequest request, string jobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ExportFile? file = null;
        try
        {
            if (await FindAsync(jobId, cancellationToken) is not { } job || ExportRequest.Of(job) is not { } export)
            {
                return NotFound();
            }

            if (job.Status != ExportJobStatus.Succeeded)
            {
                return Problems.Conflict(ProblemTypes.ExportNotReady, "The export job has no file yet.", $"The job is {job.Status}; its status says when the file is ready.");
            }

            file = await store.OpenFileAsync(job.JobId, cancellationToken);
            if (file is null)
            {
                return NotFound();
            }

            await audit.RecordAsync(request, DownloadedAction, export.JobScope(job.JobId), null, job.Rows ?? 0, cancellationToken);
            LogDownloaded(logger, job.JobId, job.Rows ?? 0);
            return new ExportFileResult(export, file);
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            if (file is not null)
            {
                await file.Content.DisposeAsync();
            }

            return Unavailable(ex, "download", "The export file could not be read.");
        }
    }

    /// <summary>An id that is not one of ours names no job: not found, without a storage read.</summary>
    private async Task<ExportJob?> FindAsync(string jobId, CancellationToken cancellationToken) =>
        ExportJobIds.IsValid(jobId) ? await store.FindAsync(jobId, cancellationToken) : null;

    private static ApiResult NotFound() => Problems.NotFound("No such export job.");

    private ApiResult Unavailable(Exception ex, string operation, string title)
    {
        var (status, errorCode) = StorageFailure.Describe(ex);
        LogUnavailable(logger, operation, status, errorCode);
        return Problems.ServiceUnavailable(title, TimeSpan.FromSeconds(formOptions.Value.RetryAfterSeconds));
    }

    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "Export job {JobId} queued: {Kind} as {Format}")]
    private static partial void LogQueued(ILogger logger, string jobId, string kind, string format);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Export job {JobId} file downloaded: {Rows} rows")]
    private static partial void LogDownloaded(ILogger logger, string jobId, int rows);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Export job {Operation} failed: storage unavailable (status {Status}, code {ErrorCode})")]
    private static partial void LogUnavailable(ILogger logger, string operation, int status, string? errorCode);
}
