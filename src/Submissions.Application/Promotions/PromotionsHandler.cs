using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.ConsentLabels;
using Submissions.Application.Forms;
using Submissions.Application.Http;
using Submissions.Domain;
using Submissions.Domain.Consent;
using Submissions.Domain.Forms;
using Submissions.Domain.Privacy;
using Submissions.Domain.Promotions;
using Submissions.Domain.Validation;
using Submissions.Storage;
using Submissions.Storage.Idempotency;
using Submissions.Storage.Ledger;
using Submissions.Storage.Partners;
using Submissions.Storage.Promotions;
using Submissions.Storage.Queues;

namespace Submissions.Application.Promotions;

/// <summary>
/// Promotions: admins define them; people enter once each. Sharing with the partner is its own, explicitly answered
/// label; when granted, the entry and the delivery it owes the partner commit together (the outbox), and the queue
/// message naming the delivery follows.
/// </summary>
public sealed partial class PromotionsHandler(
    FormGate gate,
    IValidator<PromotionEntryRequest> entryValidator,
    IValidator<PromotionDefinition> definitionValidator,
    ConsentLabelCatalog catalog,
    SubjectKeyHasher subjectKeys,
    PromotionStore store,
    PartnerStore partners,
    SubmissionsQueues queues,
    TimeProvider time,
    IOptions<FormOptions> formOptions,
    ILogger<PromotionsHandler> logger)
{
    private const string Form = FormKind.Promotion;

    /// <summary>POST promotions/{promotionId}/entries.</summary>
    public async Task<IActionResult> EnterAsync(HttpRequest request, string promotionId, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(promotionId))
        {
            return Problems.NotFound("No such promotion.");
        }

        var admission = await gate.AdmitAsync<PromotionEntryRequest>(Form, request, cancellationToken);
        if (admission.Problem is not null)
        {
            return admission.Problem;
        }

        var form = admission.Form!;
        try
        {
            var promotion = await store.GetAsync(promotionId, cancellationToken);
            if (promotion is null)
            {
                return Problems.NotFound("No such promotion.");
            }

            var now = time.GetUtcNow();
            if (now < promotion.StartsAt || now >= promotion.EndsAt)
            {
                return await RefuseAsync(promotionId, admission.Claim, () => Problems.Conflict(
                    now < promotion.StartsAt ? "The promotion has not started." : "The promotion has ended.",
                    $"It accepts entries from {promotion.StartsAt:O} until {promotion.EndsAt:O}."), cancellationToken);
            }

            var check = await gate.CheckAsync(Form, form, entryValidator, cancellationToken, label => PromotionLabels.Belongs(label, promotion));
            var (errors, consent) = (check.Errors, check.Consent);
            errors.AddRange(PromotionEntryValidator.CheckFields(promotion.Fields, form.Fields));
            if (errors.IsEmpty && promotion.RequiresSharing && !consent.IsGranted(ConsentPurpose.PartnerSharing))
            {
                // Checked here as well as when the promotion was saved: its labels may have changed since.
                var sharingLabels = check.Applicable.Where(label => label.Purpose == ConsentPurpose.PartnerSharing).ToList();
                if (sharingLabels.Count == 0)
                {
                    return await RefuseAsync(promotionId, admission.Claim, () => Problems.Conflict(
                        "The promotion is not accepting entries.", "It requires partner sharing, but has no active sharing label."), cancellationToken);
                }

                foreach (var label in sharingLabels)
                {
                    errors.Add(ConsentEvaluator.ErrorKey(label.LabelId), $"This promotion requires sharing with its partner: consent label '{label.LabelId}' must be granted to enter.");
                }
            }

            if (!errors.IsEmpty)
            {
                return await RefuseAsync(promotionId, admission.Claim, () => gate.Reject(Form, errors), cancellationToken);
            }

            return await StoreAsync(promotion, form, consent, admission.Claim, now, cancellationToken);
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return gate.SubmissionUnconfirmed(Form, admission.Claim, ex);
        }
    }

    private Task<ApiResult> RefuseAsync(string promotionId, IdempotencyClaim? claim, Func<ApiResult> refusal, CancellationToken cancellationToken) =>
        gate.RefuseAsync(Form, claim, key => store.FindPriorOutcomeAsync(promotionId, key, cancellationToken), promotionId, refusal);

    /// <summary>PUT manage/promotions/{promotionId}.</summary>
    public async Task<IActionResult> PutAsync(HttpRequest request, string promotionId, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(promotionId))
        {
            return Problems.InvalidId("promotionId");
        }

        var body = await AdminBody.ReadAsync(request, definitionValidator, formOptions.Value.MaxAdminBodyBytes, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var definition = body.Definition!;
        try
        {
            var errors = await CheckPartnerAndLabelsAsync(definition, cancellationToken);
            if (!errors.IsEmpty)
            {
                return Problems.ValidationFailed(errors);
            }

            var promotion = new PromotionEntity
            {
                PartitionKey = promotionId,
                Title = definition.Title!,
                PartnerId = definition.Partner!,
                SharingLabels = string.Join(',', definition.SharingLabels!.Distinct(StringComparer.Ordinal)),
                RequiresSharing = definition.RequiresSharing!.Value,
                Fields = [.. definition.Fields?.Select(field => field!) ?? []],
                // The API answers in UTC whatever offset was sent (storage keeps UTC only; the echo must agree).
                StartsAt = definition.StartsAt!.Value.ToUniversalTime(),
                EndsAt = definition.EndsAt!.Value.ToUniversalTime(),
                UpdatedAt = time.GetUtcNow(),
            };
            var created = await store.UpsertAsync(promotion, cancellationToken);
            LogSaved(logger, promotionId, promotion.PartnerId);
            return created ? ApiResult.Created(PromotionView.From(promotion)) : ApiResult.Ok(PromotionView.From(promotion));
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return gate.StorageUnavailable(Form, ex);
        }
    }

    /// <summary>
    /// The partner must exist, and every sharing label must be an active partner-sharing label of the promotion form
    /// naming that partner — required exactly when the promotion requires sharing, so its label says so.
    /// </summary>
    private async Task<FieldErrors> CheckPartnerAndLabelsAsync(PromotionDefinition definition, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (await partners.GetAsync(definition.Partner!, cancellationToken) is null)
        {
            errors.Add("partner", $"Unknown partner '{definition.Partner}': PUT it under /api/manage/partners first.");
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
                errors.Add($"sharingLabels[{i}]", problem);
            }
        }

        return errors;
    }

    private async Task<IActionResult> StoreAsync(
        PromotionEntity promotion, PromotionEntryRequest form, ConsentEvaluation consent, IdempotencyClaim? claim, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var subject = subjectKeys.For(form.Email!);
        var receipt = new ConsentReceiptDraft(Guid.CreateVersion7().ToString("N"), Form, now, consent.Decisions);
        var sharing = consent.Decisions.Any(decision => decision.Granted && decision.Label.Purpose == ConsentPurpose.PartnerSharing);
        var entry = new PromotionEntryEntity
        {
            PartitionKey = promotion.PartitionKey,
            RowKey = PromotionEntryEntity.RowKeyFor(subject.Value),
            EntryId = Guid.CreateVersion7().ToString("N"),
            SubjectKey = subject.Value,
            Email = form.Email!,
            Name = form.Name!.Trim(),
            FieldsJson = JsonSerializer.Serialize(form.Fields ?? new Dictionary<string, string?>()),
            SharingGranted = sharing,
            ReceiptId = receipt.ReceiptId,
            CreatedAt = now,
        };
        var delivery = !sharing ? null : new OwedDeliveryEntity
        {
            PartitionKey = promotion.PartitionKey,
            RowKey = OwedDeliveryEntity.RowKeyFor(Guid.CreateVersion7().ToString("N")),
            PartnerId = promotion.PartnerId,
            EntryRowKey = entry.RowKey,
            SubjectKey = subject.Value,
            ReceiptId = receipt.ReceiptId,
            CreatedAt = now,
        };
        if (delivery is not null)
        {
            delivery.DeliveryId = delivery.RowKey[OwedDeliveryEntity.RowKeyPrefix.Length..];
        }

        var body = new PromotionEntryResponse(entry.EntryId, promotion.PartitionKey, ConsentReceiptView.From(receipt.ReceiptId, now, consent.Decisions));
        var response = new StoredResponse(StatusCodes.Status201Created, JsonSerializer.Serialize(body, ApiJson.Options));
        var outcome = await store.AddEntryAsync(entry, delivery, receipt, claim, response, cancellationToken);
        if (outcome is SubmissionOutcome.Saved)
        {
            LogEntered(logger, promotion.PartitionKey, entry.EntryId, subject.ShortForm, delivery is not null);
            if (delivery is not null)
            {
                await EnqueueAsync(promotion.PartitionKey, delivery.DeliveryId);
            }
        }

        return gate.Respond(Form, outcome, promotion.PartitionKey, "This email has already entered this promotion.");
    }

    /// <summary>
    /// The entry and its owed delivery are already durable; a failed send only delays the delivery until the outbox
    /// sweep re-sends it, so it does not fail the request.
    /// </summary>
    private async Task EnqueueAsync(string promotionId, string deliveryId)
    {
        try
        {
            // Not the request's token: the entry is committed, and a client that goes away must not cancel the send.
            await queues.SendDeliveryAsync(promotionId, deliveryId, CancellationToken.None);
        }
        catch (Exception ex) when (StorageFailure.Is(ex, CancellationToken.None))
        {
            var (status, _) = StorageFailure.Describe(ex);
            LogEnqueueFailed(logger, deliveryId, status);
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Entry {EntryId} to promotion {PromotionId} stored for subject {Subject}; delivery owed {DeliveryOwed}")]
    private static partial void LogEntered(ILogger logger, string promotionId, string entryId, string subject, bool deliveryOwed);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} is owed but its queue message failed (status {Status}); the outbox sweep will send it")]
    private static partial void LogEnqueueFailed(ILogger logger, string deliveryId, int status);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Promotion {PromotionId} saved (partner {PartnerId})")]
    private static partial void LogSaved(ILogger logger, string promotionId, string partnerId);
}
