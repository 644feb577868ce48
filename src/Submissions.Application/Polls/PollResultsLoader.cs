using Microsoft.Extensions.Options;
using Submissions.Application.Caching;
using Submissions.Application.Statistics;
using Submissions.Domain.Polls;
using Submissions.Storage.Polls;

namespace Submissions.Application.Polls;

/// <summary>
/// Loads a poll's public results: one point read of the poll row, which holds its totals as last recounted and its
/// results as last published. When those totals are older than ReadCache:PollTotalsSeconds, this read takes the recount
/// on (a conditional mark on the poll row, so one instance does it while the others serve the stored totals), counts
/// every vote partition in one parallel stage (<see cref="VoteCounter"/>, folding their journals on the way) and saves
/// the totals — publishing the next step with them when it is due (<see cref="PollResultsPublication"/>), one write.
/// </summary>
public sealed class PollResultsLoader(
    PollStore store, VoteCounter counter, TimeProvider time, IOptions<ReadCacheOptions> cacheOptions, IOptions<StatisticsOptions> statisticsOptions)
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
            shown = await RecountAsync(claimed, shown, step, cancellationToken);
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
}
