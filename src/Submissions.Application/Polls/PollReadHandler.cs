using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Submissions.Application.Http;
using Submissions.Domain;
using Submissions.Storage.Polls;

namespace Submissions.Application.Polls;

/// <summary>GET manage/polls and manage/polls/{pollId}: the definitions as saved (storage, not the forms' cache); results are GET polls/{pollId}/results.</summary>
public sealed class PollReadHandler(PollStore store, FormStorageGuard guard)
{
    private const string Listing = "polls";

    private static readonly StorageUnavailableAnswer Unavailable = new("Polls are temporarily unavailable.", "polls.read");

    public Task<IActionResult> ListAsync(HttpRequest request, CancellationToken cancellationToken) =>
        AdminListing.ServeAsync(
            request, Listing, guard, Unavailable,
            paging => store.ListAsync(paging.Size, paging.StorageToken, cancellationToken),
            (polls, next) => new PollsPage([.. polls.Select(PollDefinitionView.From)], next),
            cancellationToken);

    public async Task<IActionResult> GetAsync(string pollId, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(pollId))
        {
            return Problems.InvalidId("pollId");
        }

        return await guard.ServeAsync(Unavailable, async () =>
            await store.GetPollAsync(pollId, cancellationToken) is { } poll
                ? ApiResult.Ok(PollDefinitionView.From(poll)).WithHeader("Cache-Control", "no-store")
                : Problems.NotFound("No poll with this id."), cancellationToken);
    }
}
