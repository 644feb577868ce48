using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Submissions.Application.Caching;
using Submissions.Application.Http;
using Submissions.Domain;
using Submissions.Domain.Forms;

namespace Submissions.Application.Polls;

/// <summary>
/// GET polls/{pollId}/results: the published totals per option, served from the instance's read cache for
/// ReadCache:PollResultsSeconds — concurrent misses share one load (<see cref="PollResultsLoader"/>: one point read,
/// plus a recount of the vote partitions when the stored totals are due one), so storage sees at most one load per
/// poll per instance per period whatever the traffic. The totals move only in steps of at least
/// Statistics:MinimumCount votes, published by the recount that finds a step due. A browser or CDN may keep the answer
/// for what is left of the cache period, so no copy anywhere is older than that period.
/// </summary>
public sealed class GetPollResultsHandler(PollResultsLoader loader, ReadThroughCache cache, FormStorageGuard guard, TimeProvider time, IOptions<ReadCacheOptions> cacheOptions)
{
    public async Task<IActionResult> GetAsync(string pollId, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(pollId))
        {
            return Problems.NotFound("No such poll.");
        }

        return await guard.ServeAsync(FormKind.Poll, async () =>
        {
            var entry = await ReadAsync(pollId, cancellationToken);
            return entry.Results is null
                ? Problems.NotFound("No such poll.")
                : ApiResult.Ok(entry.Results).WithHeader("Cache-Control", string.Create(CultureInfo.InvariantCulture, $"public, max-age={MaxAgeSeconds(entry.LoadedAt)}"));
        }, cancellationToken);
    }

    private int MaxAgeSeconds(DateTimeOffset loadedAt)
    {
        var left = TimeSpan.FromSeconds(cacheOptions.Value.PollResultsSeconds) - (time.GetUtcNow() - loadedAt);
        return left <= TimeSpan.Zero ? 0 : (int)Math.Floor(left.TotalSeconds);
    }

    private ValueTask<CachedPollResults> ReadAsync(string pollId, CancellationToken cancellationToken) =>
        cache.GetAsync(
            "poll-results:" + pollId,
            cacheOptions.Value.PollResultsSeconds,
            (Loader: loader, PollId: pollId, Time: time),
            static async (state, token) =>
            {
                // The age counts from before the read, so a copy is never younger than what it may be missing.
                var loadedAt = state.Time.GetUtcNow();
                return new CachedPollResults(await state.Loader.LoadAsync(state.PollId, token), loadedAt);
            },
            cancellationToken);
}
