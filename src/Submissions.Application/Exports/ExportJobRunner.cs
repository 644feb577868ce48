using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Submissions.Application.Audit;
using Submissions.Storage;
using Submissions.Storage.Exports;

namespace Submissions.Application.Exports;

/// <summary>
/// Runs an export job from its queue message: the export through the same <see cref="ExportOutput"/> as a streamed one,
/// into the job's blob. Idempotent for the queue: a job that has succeeded is left alone; one that is queued, running (an
/// instance stopped mid-run) or failed runs again and replaces its file. A failure marks the job failed with a stable
/// code and is rethrown, so the queue retries it until maxDequeueCount.
/// </summary>
public sealed partial class ExportJobRunner(ExportJobStore store, ExportSources sources, AdminAudit audit, TimeProvider time, ILogger<ExportJobRunner> logger)
{
    public const string CompletedAction = "export-job-completed";

    public async Task RunAsync(string jobId, CancellationToken cancellationToken)
    {
        var job = await store.FindAsync(jobId, cancellationToken);
        if (job is null || job.Status == ExportJobStatus.Succeeded)
        {
            LogSkipped(logger, jobId, job?.Status ?? "missing");
            return;
        }

        if (ExportRequest.Of(job) is not { } export || sources.Find(job.Kind) is not { } source)
        {
            await store.SaveAsync(job with { Status = ExportJobStatus.Failed, ErrorCode = ExportJobErrorCodes.UnknownKind, FinishedAt = time.GetUtcNow() }, cancellationToken);
            LogFailed(logger, jobId, ExportJobErrorCodes.UnknownKind, "none", 0, null);
            return;
        }

        var running = job with
        {
            Status = ExportJobStatus.Running,
            StartedAt = time.GetUtcNow(),
            FinishedAt = null,
            Rows = null,
            ErrorCode = null,
            Attempts = job.Attempts + 1,
        };
        await store.SaveAsync(running, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var rows = await WriteFileAsync(source, export, jobId, cancellationToken);

            // On record before the job says it succeeded: a failure here reruns the job rather than losing the record.
            await audit.RecordAsync(job.RequestedBy, CompletedAction, export.JobScope(jobId), rows, cancellationToken);
            await store.SaveAsync(running with { Status = ExportJobStatus.Succeeded, Rows = rows, FinishedAt = time.GetUtcNow() }, cancellationToken);
            var durationMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogCompleted(logger, jobId, export.Kind, rows, durationMs);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var (status, errorCode) = StorageFailure.Describe(ex);
            var code = StorageFailure.Is(ex, cancellationToken) ? ExportJobErrorCodes.StorageUnavailable : ExportJobErrorCodes.ExportFailed;
            LogFailed(logger, jobId, code, ex.GetType().Name, status, errorCode);
            await MarkFailedAsync(running, code);
            throw;
        }
    }

    /// <summary>The export, written to the job's blob; the blob is committed when its stream closes, after the last row.</summary>
    private async Task<int> WriteFileAsync(IExportSource source, ExportRequest export, string jobId, CancellationToken cancellationToken)
    {
        await using var stream = await ExportOutput.StartAsync(source, export, cancellationToken);
        await using var file = await store.OpenFileWriteAsync(jobId, export.Format.ContentType, cancellationToken);
        return await stream.CopyToAsync(file, cancellationToken);
    }

    /// <summary>Best effort: the job is failing already, and a job left "running" is rerun by the queue's retry all the same.</summary>
    private async Task MarkFailedAsync(ExportJob running, string code)
    {
        try
        {
            await store.SaveAsync(running with { Status = ExportJobStatus.Failed, ErrorCode = code, FinishedAt = time.GetUtcNow() }, CancellationToken.None);
        }
        catch (Exception ex) when (StorageFailure.Is(ex, CancellationToken.None))
        {
            var (status, errorCode) = StorageFailure.Describe(ex);
            LogNotMarked(logger, running.JobId, status, errorCode);
        }
    }

    [LoggerMessage(EventId = 4210, Level = LogLevel.Information, Message = "Export job {JobId} not run: it is {Status}")]
    private static partial void LogSkipped(ILogger logger, string jobId, string status);

    [LoggerMessage(EventId = 4211, Level = LogLevel.Information, Message = "Export job {JobId} of {Kind} succeeded: {Rows} rows in {DurationMs} ms")]
    private static partial void LogCompleted(ILogger logger, string jobId, string kind, int rows, long durationMs);

    [LoggerMessage(EventId = 4212, Level = LogLevel.Error, Message = "Export job {JobId} failed ({Code}): {ExceptionType} (storage status {Status}, code {ErrorCode})")]
    private static partial void LogFailed(ILogger logger, string jobId, string code, string exceptionType, int status, string? errorCode);

    [LoggerMessage(EventId = 4213, Level = LogLevel.Warning, Message = "Export job {JobId} could not be marked failed (status {Status}, code {ErrorCode}); the queue's retry reruns it")]
    private static partial void LogNotMarked(ILogger logger, string jobId, int status, string? errorCode);
}
