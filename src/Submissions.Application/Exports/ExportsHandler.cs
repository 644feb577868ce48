using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Audit;
using Submissions.Application.Http;
using Submissions.Domain.Validation;
using Submissions.Storage;

namespace Submissions.Application.Exports;

/// <summary>
/// GET manage/exports/{kind}?from=&amp;to=&amp;format=&amp;async=: an export of one kind of record in a date range
/// (<see cref="ExportSources"/>). A range of at most <see cref="ExportOptions.SyncMaxDays"/> is streamed, audited before
/// the first byte (action "export", count 0: if that record cannot be written, nothing is exported) and after the last
/// row (action "export-completed", the row count). A longer range, or <c>async=true</c>, is queued as an export job
/// (<see cref="ExportJobsHandler"/>): 202 with a link to it.
/// </summary>
public sealed partial class ExportsHandler(
    ExportSources sources,
    ExportJobsHandler jobs,
    AdminAudit audit,
    IOptions<ExportOptions> options,
    IOptions<FormOptions> formOptions,
    ILogger<ExportsHandler> logger)
{
    public const string StartedAction = "export";
    public const string CompletedAction = "export-completed";

    public const string AbortedAction = "export-aborted";

    public async Task<IActionResult> ExportAsync(HttpRequest request, string kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var export = ExportRequest.TryRead(request, kind, sources.Kinds, options.Value.MaxRangeDays, out var errors);
        var asJob = ReadAsync(request, errors);
        if (export is null || !errors.IsEmpty)
        {
            return Problems.ValidationFailed(errors);
        }

        // A long range would outlast the HTTP limit: it runs as a job whatever the caller asked.
        if (asJob || export.Range.To - export.Range.From > TimeSpan.FromDays(options.Value.SyncMaxDays))
        {
            return await jobs.QueueAsync(request, export, cancellationToken);
        }

        return await StreamAsync(request, export, cancellationToken);
    }

    /// <summary>async: absent or false streams (up to the sync limit), true queues a job; anything else is an error.</summary>
    private static bool ReadAsync(HttpRequest request, FieldErrors errors)
    {
        if (QueryParameter.TryRead(request, "async", out var value) && value is null or "false" or "true")
        {
            return value == "true";
        }

        errors.Add("async", "'async' must be true or false.", FieldErrorCodes.NotAnOption);
        return false;
    }

    private async Task<IActionResult> StreamAsync(HttpRequest request, ExportRequest export, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await audit.RecordAsync(request, StartedAction, export.Scope, null, 0, cancellationToken);

            // The first page is read before the response starts: until then, storage trouble is still a clean 503.
            var stream = await ExportOutput.StartAsync(sources.Find(export.Kind)!, export, cancellationToken);
            LogStarted(logger, export.Kind, export.Format.Name);
            return new StreamedExportResult(
                export,
                stream,
                async rows =>
                {
                    // Not the request's token: the rows have left, so their count goes on record whatever the client does.
                    await audit.RecordAsync(request, CompletedAction, export.Scope, null, rows, CancellationToken.None);
                    var durationMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    LogCompleted(logger, export.Kind, rows, durationMs);
                },
                async (exception, rows) =>
                {
                    var (status, errorCode) = StorageFailure.Describe(exception);
                    LogAborted(logger, export.Kind, rows, exception.GetType().Name, status, errorCode);
                    await RecordAbortedAsync(request, export, rows);
                });
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            var (status, errorCode) = StorageFailure.Describe(ex);
            LogUnavailable(logger, export.Kind, status, errorCode);
            return Problems.ServiceUnavailable("The export could not be started.", TimeSpan.FromSeconds(formOptions.Value.RetryAfterSeconds));
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Export of {Kind} started as {Format}")]
    private static partial void LogStarted(ILogger logger, string kind, string format);

    /// <summary>
    /// An export cut short after rows were sent: how many went out (at most) is recorded too, best effort — the export
    /// is already failing, and its start is on record whatever happens here.
    /// </summary>
    private async Task RecordAbortedAsync(HttpRequest request, ExportRequest export, int rows)
    {
        try
        {
            await audit.RecordAsync(request, AbortedAction, export.Scope, null, rows, CancellationToken.None);
        }
        catch (Exception ex) when (StorageFailure.Is(ex, CancellationToken.None))
        {
            var (status, errorCode) = StorageFailure.Describe(ex);
            LogUnavailable(logger, export.Kind, status, errorCode);
        }
    }

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Export of {Kind} completed: {Rows} rows in {DurationMs} ms")]
    private static partial void LogCompleted(ILogger logger, string kind, int rows, long durationMs);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "Export of {Kind} aborted after {Rows} rows: {ExceptionType} (storage status {Status}, code {ErrorCode})")]
    private static partial void LogAborted(ILogger logger, string kind, int rows, string exceptionType, int status, string? errorCode);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Export of {Kind} not started: storage unavailable (status {Status}, code {ErrorCode})")]
    private static partial void LogUnavailable(ILogger logger, string kind, int status, string? errorCode);
}
