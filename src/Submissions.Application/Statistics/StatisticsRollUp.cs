using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Domain.Forms;
using Submissions.Storage;
using Submissions.Storage.Statistics;

namespace Submissions.Application.Statistics;

/// <summary>
/// The daily roll-up (timer): every finished day not yet rolled up, once its grace past midnight is over, gets one row
/// of raw counts, written with Add and never changed. One run covers every day that is due — the first run everything
/// since the earliest day with data, a run after missed ones all the missed days — with one set of the statistics
/// queries over those days, not one per day.
/// </summary>
public sealed partial class StatisticsRollUp(
    StatisticsReader reader,
    DailyStatisticsStore store,
    IOptions<StatisticsOptions> options,
    TimeProvider time,
    ILogger<StatisticsRollUp> logger)
{
    /// <summary>How far back the first run looks for data.</summary>
    public static readonly DateOnly Floor = new(2000, 1, 1);

    /// <summary>The latest day whose grace is over at <paramref name="now"/>: the day before (now − grace).</summary>
    public static DateOnly LastDueDay(DateTimeOffset now, TimeSpan grace) => DateOnly.FromDateTime((now - grace).UtcDateTime).AddDays(-1);

    /// <returns>How many days were rolled up by this run.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var last = LastDueDay(now, TimeSpan.FromMinutes(options.Value.RollUpGraceMinutes));
        try
        {
            var state = await store.ReadStateAsync(cancellationToken);
            var first = state?.LastDay.AddDays(1) ?? Floor;
            if (first > last)
            {
                LogNothingDue(logger, last);
                return 0;
            }

            var counts = await reader.ReadAsync(Midnight(first), Midnight(last.AddDays(1)), FormKind.All, cancellationToken);
            if (state is null)
            {
                first = DayRollUpBuilder.EarliestDay(counts) ?? last;
            }

            var added = await store.AddDaysAsync(DayRollUpBuilder.Split(counts, first, last, now), cancellationToken);
            await store.WriteStateAsync(new RollUpState(last, DayRollUpBuilder.Definitions(counts), now), cancellationToken);
            LogRolledUp(logger, first, last, added);
            return added;
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            var (status, errorCode) = StorageFailure.Describe(ex);
            LogFailed(logger, status, errorCode);
            throw new InvalidOperationException("The statistics roll-up failed on storage; the next run catches up.");
        }
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Statistics rolled up from {First} to {Last}: {Added} day rows added")]
    private static partial void LogRolledUp(ILogger logger, DateOnly first, DateOnly last, int added);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Statistics roll-up: every day up to {Last} is rolled up")]
    private static partial void LogNothingDue(ILogger logger, DateOnly last);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Statistics roll-up failed with storage status {Status} {ErrorCode}; the next run catches up")]
    private static partial void LogFailed(ILogger logger, int status, string? errorCode);
}
