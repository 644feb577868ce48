using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Audit;
using Submissions.Application.Forms;
using Submissions.Application.Http;
using Submissions.Storage;

namespace Submissions.Application.Exports;

/// <summary>
/// GET manage/exports/{kind}?from=&amp;to=&amp;format=: a streamed export of one kind of record in a date range — each
/// registered form's exports (<see cref="FormExport"/>), then those that span forms (<see cref="IExportSource"/>). Audited
/// before the first byte (action "export", count 0: if that record cannot be written, nothing is exported) and after
/// the last row (action "export-completed", the row count).
/// </summary>
public sealed partial class ExportsHandler(
    IEnumerable<FormExport> formExports,
    IEnumerable<IExportSource> sources,
    AdminAudit audit,
    IOptions<ExportOptions> options,
    IOptions<FormOptions> formOptions,
    ILogger<ExportsHandler> logger)
{
    public const string StartedAction = "export";
    public const string CompletedAction = "export-completed";

    public const string AbortedAction = "export-aborted";

    private readonly IExportSource[] all = [.. formExports.Select(export => export.Source), .. sources];

    private Dictionary<string, IExportSource> ByKind => field ??= all.ToDictionary(source => source.Kind, StringComparer.Ordinal);

    private string[] Kinds => field ??= [.. all.Select(source => source.Kind)];

    public async Task<IActionResult> ExportAsync(HttpRequest request, string kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ExportRequest.TryRead(request, kind, Kinds, options.Value.MaxRangeDays, out var errors) is not { } export)
        {
            return Problems.ValidationFailed(errors);
        }

        var started = Stopwatch.GetTimestamp();
        IAsyncEnumerator<int>? pages = null;
        ExportRowWriter? writer = null;
        try
        {
            await audit.RecordAsync(request, StartedAction, export.Scope, null, 0, cancellationToken);
            var plan = await ByKind[export.Kind].PlanAsync(export.Range, cancellationToken);
            writer = export.Format.CreateWriter(plan.Columns);

            // The first page is read before the response starts: until then, storage trouble is still a clean 503.
            pages = plan.WritePages(writer, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await pages.MoveNextAsync();
            LogStarted(logger, export.Kind, export.Format.Name);
            return new StreamedExportResult(
                export,
                writer,
                pages,
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
            if (pages is not null)
            {
                await pages.DisposeAsync();
            }

            writer?.Dispose();

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
