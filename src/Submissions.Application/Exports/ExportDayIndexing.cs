using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Statistics;
using Submissions.Storage;
using Submissions.Storage.Exports;

namespace Submissions.Application.Exports;

/// <summary>
/// The export day index's run (timer): every finished day not yet indexed, once its grace past midnight is over, gets
/// its pointers — one scan per indexed kind and table over all the days that are due (the first run: everything kept
/// so far). Before it writes a pointer the state names the last day it is writing (so erasure forgets those too), and
/// after each page where it is, so a run stopped by the function timeout or a crash is resumed by the next where it
/// stopped; at its end the state moves to the last day.
/// </summary>
public sealed partial class ExportDayIndexing(
    ExportDayIndexScans scans,
    ExportDayIndexStore store,
    IOptions<ExportOptions> options,
    TimeProvider time,
    ILogger<ExportDayIndexing> logger)
{
    /// <returns>How many pointers this run wrote.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            var state = await store.ReadStateAsync(cancellationToken);
            var first = state.LastDay?.AddDays(1) ?? StatisticsRollUp.Floor;
            if (state.WritingThrough is not { } last)
            {
                last = StatisticsRollUp.LastDueDay(now, TimeSpan.FromMinutes(options.Value.IndexGraceMinutes));
                if (first > last)
                {
                    LogNothingDue(logger, last);
                    return 0;
                }

                state = state with { WritingThrough = last, Cursor = ExportIndexCursor.Start };
                await store.WriteStateAsync(state, now, cancellationToken);
            }
            else
            {
                LogResumed(logger, first, last, state.Cursor.Scan);
            }

            var written = 0;
            await foreach (var (entries, next) in scans.EntriesAsync(Midnight(first), Midnight(last.AddDays(1)), state.Cursor, cancellationToken))
            {
                written += await store.AddAsync(entries, cancellationToken);
                state = state with { Cursor = next };
                await store.WriteStateAsync(state, time.GetUtcNow(), cancellationToken);
            }

            await store.WriteStateAsync(new ExportIndexState(last, null, ExportIndexCursor.Start), time.GetUtcNow(), cancellationToken);
            LogIndexed(logger, first, last, written);
            return written;
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            var (status, errorCode) = StorageFailure.Describe(ex);
            LogFailed(logger, status, errorCode);
            throw new InvalidOperationException("The export day index run failed on storage; the next run resumes where it stopped.");
        }
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    [LoggerMessage(EventId = 4230, Level = LogLevel.Information, Message = "Export day index built from {First} to {Last}: {Written} pointers written")]
    private static partial void LogIndexed(ILogger logger, DateOnly first, DateOnly last, int written);

    [LoggerMessage(EventId = 4231, Level = LogLevel.Debug, Message = "Export day index: every day up to {Last} is indexed")]
    private static partial void LogNothingDue(ILogger logger, DateOnly last);

    [LoggerMessage(EventId = 4232, Level = LogLevel.Error, Message = "Export day index run failed with storage status {Status} {ErrorCode}; the next run resumes where it stopped")]
    private static partial void LogFailed(ILogger logger, int status, string? errorCode);

    [LoggerMessage(EventId = 4233, Level = LogLevel.Information, Message = "Export day index: resuming the run from {First} to {Last} at scan {Scan}")]
    private static partial void LogResumed(ILogger logger, DateOnly first, DateOnly last, int scan);
}
