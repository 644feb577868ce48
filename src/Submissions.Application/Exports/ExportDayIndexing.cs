using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Statistics;
using Submissions.Storage;
using Submissions.Storage.Exports;

namespace Submissions.Application.Exports;

/// <summary>
/// The export day index's run (timer): every finished day not yet indexed, once its grace past midnight is over, gets
/// its pointers — one scan per export kind over all the days that are due (the first run: everything kept so far),
/// then the state moves to the last of them. A run that fails part-way writes the same pointers again next time.
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
        var last = StatisticsRollUp.LastDueDay(now, TimeSpan.FromMinutes(options.Value.IndexGraceMinutes));
        try
        {
            var first = (await store.IndexedThroughAsync(cancellationToken))?.AddDays(1) ?? StatisticsRollUp.Floor;
            if (first > last)
            {
                LogNothingDue(logger, last);
                return 0;
            }

            var written = 0;
            await foreach (var page in scans.EntriesAsync(Midnight(first), Midnight(last.AddDays(1)), cancellationToken))
            {
                written += await store.AddAsync(page, cancellationToken);
            }

            await store.WriteIndexedThroughAsync(last, now, cancellationToken);
            LogIndexed(logger, first, last, written);
            return written;
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            var (status, errorCode) = StorageFailure.Describe(ex);
            LogFailed(logger, status, errorCode);
            throw new InvalidOperationException("The export day index run failed on storage; the next run catches up.");
        }
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    [LoggerMessage(EventId = 4230, Level = LogLevel.Information, Message = "Export day index built from {First} to {Last}: {Written} pointers written")]
    private static partial void LogIndexed(ILogger logger, DateOnly first, DateOnly last, int written);

    [LoggerMessage(EventId = 4231, Level = LogLevel.Debug, Message = "Export day index: every day up to {Last} is indexed")]
    private static partial void LogNothingDue(ILogger logger, DateOnly last);

    [LoggerMessage(EventId = 4232, Level = LogLevel.Error, Message = "Export day index run failed with storage status {Status} {ErrorCode}; the next run catches up")]
    private static partial void LogFailed(ILogger logger, int status, string? errorCode);
}
