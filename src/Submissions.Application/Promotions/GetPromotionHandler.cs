using Microsoft.AspNetCore.Mvc;
using Submissions.Application.ConsentLabels;
using Submissions.Application.Http;
using Submissions.Domain;

namespace Submissions.Application.Promotions;

/// <summary>
/// GET promotions/{promotionId}: the entry form's definition for a site to render. Cached by browsers and shared caches
/// as long as the label list is, so a label change reaches pages on the same schedule as GET consent-labels.
/// </summary>
public sealed class GetPromotionHandler(PromotionDefinitions promotions, ConsentLabelCatalog catalog, FormStorageGuard guard, TimeProvider time)
{
    public async Task<IActionResult> GetAsync(string promotionId, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(promotionId))
        {
            return Problems.NotFound("No such promotion.");
        }

        return await guard.ServeAsync("promotion", async () =>
        {
            if (await promotions.GetAsync(promotionId, cancellationToken) is not { } promotion)
            {
                return Problems.NotFound("No such promotion.");
            }

            var labels = PromotionLabels.For(await catalog.GetAsync(cancellationToken), promotion);
            var view = new PublicPromotionView(
                promotionId,
                promotion.Title,
                PromotionStatus.At(time.GetUtcNow(), promotion.StartsAt, promotion.EndsAt),
                promotion.StartsAt,
                promotion.EndsAt,
                promotion.RequiresSharing,
                promotion.Fields,
                [.. labels.Select(FormConsentLabelView.From)]);
            return ApiResult.Ok(view).WithHeader("Cache-Control", $"public, max-age={ConsentCatalogOptions.BrowserCacheSeconds}");
        }, cancellationToken);
    }
}
