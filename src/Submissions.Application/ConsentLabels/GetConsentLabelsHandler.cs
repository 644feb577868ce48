using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Submissions.Application.Http;
using Submissions.Application.Promotions;
using Submissions.Domain;
using Submissions.Domain.Forms;
using Submissions.Domain.Validation;
using Submissions.Storage.Promotions;

namespace Submissions.Application.ConsentLabels;

/// <summary>
/// GET consent-labels?form=[&amp;promotionId=]: the active labels a form must show; for one promotion, its general
/// labels and only its own partner's sharing labels.
/// </summary>
public sealed class GetConsentLabelsHandler(ConsentLabelCatalog catalog, PromotionStore promotions, FormStorageGuard guard)
{
    private static readonly StorageUnavailableAnswer Unavailable = new("Consent labels are temporarily unavailable.", "consent-labels.get");

    public async Task<IActionResult> GetAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? form = request.Query["form"];
        if (!FormKind.IsKnown(form))
        {
            return Problems.ValidationFailed("form", $"'form' must be one of: {string.Join(", ", FormKind.All)}.", FieldErrorCodes.NotAnOption);
        }

        string? promotionId = request.Query["promotionId"];
        if (promotionId is not null && (form != FormKind.Promotion || !Identifiers.IsValid(promotionId)))
        {
            return Problems.ValidationFailed("promotionId", "'promotionId' applies to form=promotion and must be a promotion id.", FieldErrorCodes.InvalidFormat);
        }

        return await guard.ServeAsync(Unavailable, async () =>
        {
            var all = await catalog.GetAsync(cancellationToken);
            var labels = form == FormKind.Promotion ? PromotionLabels.General(all) : all.ActiveFor(form!);
            if (promotionId is not null)
            {
                if (await promotions.GetAsync(promotionId, cancellationToken) is not { } promotion)
                {
                    return Problems.NotFound("No such promotion.");
                }

                labels = PromotionLabels.For(all, promotion);
            }

            return ApiResult.Ok(new FormConsentLabelsResponse(form!, [.. labels.Select(FormConsentLabelView.From)]))
                .WithHeader("Cache-Control", $"public, max-age={ConsentCatalogOptions.BrowserCacheSeconds}");
        }, cancellationToken);
    }
}
