using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Submissions.Application.Http;
using Submissions.Application.Statistics;
using Submissions.Domain;
using Submissions.Domain.Forms;
using Submissions.Domain.Polls;
using Submissions.Storage.Polls;

namespace Submissions.Application.Polls;

/// <summary>
/// GET polls/{pollId}/results: the published totals per option, one query whatever the number of votes. They move
/// only in steps of at least Statistics:MinimumCount votes (<see cref="PollResultsPublication"/>): the read that
/// finds a step due publishes it with one conditional write, so that costs one extra round trip per step, not per
/// read.
/// </summary>
public sealed class GetPollResultsHandler(PollStore store, FormStorageGuard guard, TimeProvider time, IOptions<StatisticsOptions> statisticsOptions)
{
    public async Task<IActionResult> GetAsync(string pollId, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(pollId))
        {
            return Problems.NotFound("No such poll.");
        }

        return await guard.ServeAsync(FormKind.Poll, async () =>
        {
            var results = await store.ReadResultsAsync(pollId, cancellationToken);
            if (results is null)
            {
                return Problems.NotFound("No such poll.");
            }

            var step = statisticsOptions.Value.MinimumCount;
            var shown = results.Published;
            var live = results.Poll.Options.Sum(option => results.Votes.GetValueOrDefault(option.OptionId));
            if (PollResultsPublication.IsDue(live, shown?.TotalVotes ?? 0, step))
            {
                var counts = results.Poll.Options.ToDictionary(option => option.OptionId, option => results.Votes.GetValueOrDefault(option.OptionId), StringComparer.Ordinal);
                shown = await store.TryPublishResultsAsync(pollId, counts, live, time.GetUtcNow(), shown, cancellationToken) ?? shown;
            }

            var published = shown?.Counts;
            var options = results.Poll.Options
                .Select(option => new PollResultOption(option.OptionId, option.Text, published is null ? null : published.GetValueOrDefault(option.OptionId)))
                .ToList();
            return ApiResult.Ok(new PollResultsResponse(pollId, results.Poll.Question, results.Poll.Status, options, shown?.TotalVotes, step, shown?.PublishedAt))
                .WithHeader("Cache-Control", "public, max-age=5");
        }, cancellationToken);
    }
}
