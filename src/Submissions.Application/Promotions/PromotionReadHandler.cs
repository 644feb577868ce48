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

    public async Task<IActionResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (PageRequest.Read(request, Listing) is not { } paging)
        {
            return PageRequest.Problem();
        }

        return await guard.ServeAsync(Unavailable, async () =>
        {
            var page = await store.ListAsync(paging.Size, paging.StorageToken, cancellationToken);
            return page.TokenRefused
                ? PageRequest.Problem()
                : ApiResult.Ok(new PromotionsPage(
                    [.. page.Items.Select(saved => PromotionDefinitionView.From(saved.PromotionId, saved.Content))],
                    PageRequest.Encode(Listing, page.ContinuationToken))).WithHeader("Cache-Control", "no-store");
        }, cancellationToken);
    }

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
