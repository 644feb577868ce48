using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Caching;
using Submissions.Application.Statistics;
using Submissions.Domain.Polls;
using Submissions.Storage;
using Submissions.Storage.Polls;

namespace Submissions.Application.Polls;

/// <summary>
/// Loads a poll's public results: one point read of the poll row, which holds its totals as last recounted and its
/// results as last published. When those totals are older than ReadCache:PollTotalsSeconds, this read takes the recount
/// on (a conditional mark on the poll row, so one instance does it while the others serve the stored totals), counts
/// every vote partition in one parallel stage (<see cref="VoteCounter"/>, folding their journals on the way) and saves
/// the totals — publishing the next step with them when it is due (<see cref="PollResultsPublication"/>), one write.
/// The claiming read waits for the recount at most ReadCache:PollRecountWaitMilliseconds; past that it answers with the
/// stored totals like every other reader, and the recount finishes on its own, saved for the next read.
/// </summary>
public sealed partial class PollResultsLoader(
    PollStore store,
    VoteCounter counter,
    TimeProvider time,
    IOptions<ReadCacheOptions> cacheOptions,
    IOptions<StatisticsOptions> statisticsOptions,
    ILogger<PollResultsLoader> logger)
{
    public async Task<PollResultsResponse?> LoadAsync(string pollId, CancellationToken cancellationToken)
    {
        if (await store.ReadResultsAsync(pollId, cancellationToken) is not { } results)
        {
            return null;
        }

        var (poll, shown) = (results.Poll, results.Published);
        var step = statisticsOptions.Value.MinimumCount;
        var now = time.GetUtcNow();
        if (IsRecountDue(poll, now) && await store.TryClaimRecountAsync(poll, now, cancellationToken) is { } claimed)
        {
            shown = await RecountWithinBudgetAsync(claimed, shown, step, cancellationToken);
        }

        var published = shown?.Counts;
        var options = poll.Options
            .Select(option => new PollResultOption(option.OptionId, option.Text, published is null ? null : published.GetValueOrDefault(option.OptionId)))
            .ToList();
        return new PollResultsResponse(pollId, poll.Question, poll.Status, options, shown?.TotalVotes, step, shown?.PublishedAt);
    }

    /// <summary>Due when neither a recount nor a claim of one happened within the period (a claimant that died frees it then).</summary>
    private bool IsRecountDue(StoredPoll poll, DateTimeOffset now)
    {
        var last = new[] { poll.Totals?.CountedAt, poll.RecountClaimedAt }.Max();
        return last is null || now >= last.Value + TimeSpan.FromSeconds(cacheOptions.Value.PollTotalsSeconds);
    }

    /// <summary>
    /// The recount's results if it ends within the wait budget (its failure then fails this read, as any storage
    /// failure does); otherwise the results as stored, the recount left to finish and to log its own failure.
    /// </summary>
    private async Task<PublishedPollResults?> RecountWithinBudgetAsync(StoredPoll claimed, PublishedPollResults? shown, int step, CancellationToken cancellationToken)
    {
        // Not the request's token: the recount outlives the read that claimed it, or the claim would go to waste.
        var recount = RecountAsync(claimed, shown, step, CancellationToken.None);
        var budget = TimeSpan.FromMilliseconds(cacheOptions.Value.PollRecountWaitMilliseconds);
        if (recount.IsCompleted || await Task.WhenAny(recount, Task.Delay(budget, cancellationToken)) == recount)
        {
            return await recount;
        }

        _ = FinishInBackgroundAsync(recount, claimed.PollId);
        return shown;
    }

    private async Task FinishInBackgroundAsync(Task<PublishedPollResults?> recount, string pollId)
    {
        try
        {
            await recount;
            LogRecountFinishedLate(logger, pollId);
        }
        catch (Exception ex) when (StorageFailure.Is(ex, CancellationToken.None))
        {
            var (status, errorCode) = StorageFailure.Describe(ex);
            LogRecountFailed(logger, pollId, status, errorCode);
        }
        catch (ObjectDisposedException)
        {
            // The instance is stopping: the claim lapses after PollTotalsSeconds and another read recounts.
        }
#pragma warning disable CA1031 // Nothing awaits this task: whatever ends it is logged here or never.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRecountCrashed(logger, pollId, ex.GetType().Name);
        }
    }

    /// <summary>The results to show after a recount: newly published, or as they were (a lost race shows what it read).</summary>
    private async Task<PublishedPollResults?> RecountAsync(StoredPoll poll, PublishedPollResults? shown, int step, CancellationToken cancellationToken)
    {
        var votes = await counter.CountAsync(poll, fold: true, cancellationToken);
        var counts = poll.Options.ToDictionary(option => option.OptionId, option => votes.GetValueOrDefault(option.OptionId), StringComparer.Ordinal);
        var live = counts.Values.Sum();
        var now = time.GetUtcNow();
        var publish = PollResultsPublication.IsDue(live, shown?.TotalVotes ?? 0, step) ? new PublishedPollResults(counts, live, now) : null;

        // A poll created before votes were spread has its published results in meta~published: copied onto the poll row.
        var saved = await store.TrySaveTotalsAsync(poll, new RecountedVotes(votes, now), publish ?? (poll.Published is null ? shown : null), cancellationToken);
        return saved && publish is not null ? publish : shown;
    }

    [LoggerMessage(EventId = 1703, Level = LogLevel.Debug, Message = "Poll {PollId}: a recount outlasted the read that claimed it and finished on its own")]
    private static partial void LogRecountFinishedLate(ILogger logger, string pollId);

    [LoggerMessage(EventId = 1704, Level = LogLevel.Warning, Message = "Poll {PollId}: a recount failed on storage (status {Status}, {ErrorCode}); the next read past the period recounts")]
    private static partial void LogRecountFailed(ILogger logger, string pollId, int status, string? errorCode);

    [LoggerMessage(EventId = 1705, Level = LogLevel.Error, Message = "Poll {PollId}: a recount that outlasted its read failed ({ExceptionType}); the next read past the period recounts")]
    private static partial void LogRecountCrashed(ILogger logger, string pollId, string exceptionType);
}
