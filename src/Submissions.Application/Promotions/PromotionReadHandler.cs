using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Submissions.Application.Http;
using Submissions.Domain;
using Submissions.Storage.Promotions;

namespace Submissions.Application.Promotions;

/// <summary>GET manage/promotions and manage/promotions/{promotionId}: the definitions as saved (storage, not the forms' cache).</summary>
public sealed class PromotionReadHandler(PromotionStore store, FormStorageGuard guard)
{
    private const string Listing = "promotions";

    private static readonly StorageUnavailableAnswer Unavailable = new("Promotions are temporarily unavailable.", "promotions.read");

    public Task<IActionResult> ListAsync(HttpRequest request, CancellationToken cancellationToken) =>
        AdminListing.ServeAsync(
            request, Listing, guard, Unavailable,
            paging => store.ListAsync(paging.Size, paging.StorageToken, cancellationToken),
            (promotions, next) => new PromotionsPage([.. promotions.Select(saved => PromotionDefinitionView.From(saved.PromotionId, saved.Content))], next),
            cancellationToken);

    public async Task<IActionResult> GetAsync(string promotionId, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(promotionId))
        {
            return Problems.InvalidId("promotionId");
        }

        return await guard.ServeAsync(Unavailable, async () =>
            await store.GetAsync(promotionId, cancellationToken) is { } promotion
                ? ApiResult.Ok(PromotionDefinitionView.From(promotionId, promotion)).WithHeader("Cache-Control", "no-store")
                : Problems.NotFound("No promotion with this id."), cancellationToken);
    }
}
