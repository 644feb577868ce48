using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.ConsentLabels;
using Submissions.Application.Http;
using Submissions.Domain;
using Submissions.Domain.Consent;
using Submissions.Domain.Forms;
using Submissions.Domain.Promotions;
using Submissions.Domain.Validation;
using Submissions.Storage.Partners;
using Submissions.Storage.Promotions;

namespace Submissions.Application.Promotions;

/// <summary>PUT manage/promotions/{promotionId}: its partner must exist and its sharing labels must name that partner.</summary>
public sealed partial class PutPromotionHandler(
    IValidator<PromotionDefinition> validator,
    ConsentLabelCatalog catalog,
    PromotionStore store,
    PromotionDefinitions definitions,
    PartnerStore partners,
    FormStorageGuard guard,
    TimeProvider time,
    IOptions<FormOptions> formOptions,
    ILogger<PutPromotionHandler> logger)
{
    public async Task<IActionResult> PutAsync(HttpRequest request, string promotionId, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(promotionId))
        {
            return Problems.InvalidId("promotionId");
        }

        var body = await AdminBody.ReadAsync(request, validator, formOptions.Value.MaxAdminBodyBytes, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var definition = body.Definition!;
        return await guard.ServeAsync(FormKind.Promotion, async () =>
        {
            var errors = await CheckPartnerAndLabelsAsync(definition, cancellationToken);
            if (!errors.IsEmpty)
            {
                return Problems.ValidationFailed(errors);
            }

            var promotion = new PromotionContent(
                definition.Title!,
                definition.Partner!,
                [.. definition.SharingLabels!.Distinct(StringComparer.Ordinal)],
                definition.RequiresSharing!.Value,
                [.. definition.Fields?.Select(field => field!) ?? []],
                // The API answers in UTC whatever offset was sent (storage keeps UTC only; the echo must agree).
                definition.StartsAt!.Value.ToUniversalTime(),
                definition.EndsAt!.Value.ToUniversalTime());
            var created = await store.UpsertAsync(promotionId, promotion, time.GetUtcNow(), cancellationToken);
            // This instance serves the new definition at once; the others within ReadCache:PromotionSeconds.
            await definitions.InvalidateAsync(promotionId, cancellationToken);
            LogSaved(logger, promotionId, promotion.PartnerId);
            var view = PromotionDefinitionView.From(promotionId, promotion);
            return created ? ApiResult.Created(view) : ApiResult.Ok(view);
        }, cancellationToken);
    }

    /// <summary>
    /// The partner must exist, and every sharing label must be an active partner-sharing label of the promotion form
    /// naming that partner — required exactly when the promotion requires sharing, so its label says so.
    /// </summary>
    private async Task<FieldErrors> CheckPartnerAndLabelsAsync(PromotionDefinition definition, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (!await partners.ExistsAsync(definition.Partner!, cancellationToken))
        {
            errors.Add("partner", $"Unknown partner '{definition.Partner}': PUT it under /api/manage/partners first.", FieldErrorCodes.UnknownReference);
        }

        var labels = await catalog.GetAsync(cancellationToken);
        for (var i = 0; i < definition.SharingLabels!.Count; i++)
        {
            var label = labels.Latest(definition.SharingLabels[i]);
            var problem = label switch
            {
                null => "Unknown consent label.",
                { IsActive: false } => "The label is retired.",
                { Purpose: not ConsentPurpose.PartnerSharing } => "The label is not a partner-sharing label.",
                _ when label.PartnerId != definition.Partner => "The label names another partner.",
                _ when !label.AppliesTo(FormKind.Promotion) => "The label does not apply to the promotion form.",
                _ when label.Required != definition.RequiresSharing => definition.RequiresSharing == true
                    ? "The promotion requires sharing, so its label must be required (and say so)."
                    : "The promotion does not require sharing, so its label must not be required.",
                _ => null,
            };
            if (problem is not null)
            {
                errors.Add($"sharingLabels[{i}]", problem, label is null ? FieldErrorCodes.UnknownReference : FieldErrorCodes.Invalid);
            }
        }

        return errors;
    }

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Promotion {PromotionId} saved (partner {PartnerId})")]
    private static partial void LogSaved(ILogger logger, string promotionId, string partnerId);
}
