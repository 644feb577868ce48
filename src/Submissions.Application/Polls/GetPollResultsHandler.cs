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
/// Statistics:MinimumCount votes, published by the recount that finds a step due.
/// </summary>
public sealed class GetPollResultsHandler(PollResultsLoader loader, ReadThroughCache cache, FormStorageGuard guard, IOptions<ReadCacheOptions> cacheOptions)
{
    public async Task<IActionResult> GetAsync(string pollId, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(pollId))
        {
            return Problems.NotFound("No such poll.");
        }

        return await guard.ServeAsync(FormKind.Poll, async () =>
        {
            var results = await ReadAsync(pollId, cancellationToken);
            return results is null
                ? Problems.NotFound("No such poll.")
                : ApiResult.Ok(results).WithHeader("Cache-Control", "public, max-age=5");
        }, cancellationToken);
    }

    private async Task<PollResultsResponse?> ReadAsync(string pollId, CancellationToken cancellationToken)
    {
        var entry = await cache.GetAsync(
            "poll-results:" + pollId,
            cacheOptions.Value.PollResultsSeconds,
            (Loader: loader, PollId: pollId),
            static async (state, token) => new CachedPollResults(await state.Loader.LoadAsync(state.PollId, token)),
            cancellationToken);
        return entry.Results;
    }
}
