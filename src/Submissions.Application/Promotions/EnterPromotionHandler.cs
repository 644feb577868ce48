using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Submissions.Application.Confirmations;
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
using Submissions.Storage.Promotions;

namespace Submissions.Application.Promotions;

/// <summary>
/// POST promotions/{promotionId}/entries: within the promotion's window, stored as pending and owed a confirmation
/// mail. Sharing with the partner is its own, explicitly answered label; it takes effect when the owner of the email
/// confirms (<see cref="PromotionEntryConfirmation"/>): only then is the entry the person's one entry, and the delivery
/// it owes the partner written with it (the outbox). The answer never says whether the email had entered before.
/// </summary>
public sealed partial class EnterPromotionHandler(
    FormSubmissionPipeline pipeline,
    IValidator<PromotionEntryRequest> validator,
    SubjectKeyHasher subjectKeys,
    PromotionStore store,
    PromotionDefinitions definitions,
    PendingSubmissions pendingSubmissions,
    ConfirmationMailOwing confirmationMail,
    TimeProvider time,
    ILogger<EnterPromotionHandler> logger) : IFormSubmission<PromotionEntryRequest, PromotionEntryContext>
{
    public string Kind => FormKind.Promotion;

    public IValidator<PromotionEntryRequest> Validator => validator;

    public async Task<IActionResult> SubmitAsync(HttpRequest request, string promotionId, CancellationToken cancellationToken) =>
        Identifiers.IsValid(promotionId) ? await pipeline.SubmitAsync(this, request, promotionId, cancellationToken) : Problems.NotFound("No such promotion.");

    public async Task<FormContext<PromotionEntryContext>> LoadAsync(string? target, PromotionEntryRequest request, CancellationToken cancellationToken)
    {
        // From the read cache (ReadCache:PromotionSeconds): no storage read before the entry's own writes.
        var promotion = await definitions.GetAsync(target!, cancellationToken);
        if (promotion is null)
        {
            return new FormContext<PromotionEntryContext>(null!, Problem: Problems.NotFound("No such promotion."));
        }

        var context = new PromotionEntryContext(target!, promotion, time.GetUtcNow(), SubjectOf(request?.Email));
        var status = PromotionStatus.At(context.ReceivedAt, promotion.StartsAt, promotion.EndsAt);
        return status == PromotionStatus.Open
            ? new FormContext<PromotionEntryContext>(context)
            : new FormContext<PromotionEntryContext>(context, Problems.Conflict(
                ProblemTypes.PromotionClosed,
                status == PromotionStatus.Upcoming ? "The promotion has not started." : "The promotion has ended.",
                $"It accepts entries from {promotion.StartsAt:O} until {promotion.EndsAt:O}."));
    }

    /// <summary>The entrant's subject key, or null when there is no email to key (it fails validation then).</summary>
    private SubjectKey? SubjectOf(string? email)
    {
        try
        {
            return string.IsNullOrWhiteSpace(email) ? null : subjectKeys.For(email);
        }
        catch (ArgumentException)
        {
            // Not normalisable text (a lone surrogate): validation refuses the email.
            return null;
        }
    }

    public string Reference(PromotionEntryContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.PromotionId;
    }

    public Task<SubmissionOutcome?> FindPriorOutcomeAsync(PromotionEntryContext context, IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Subject is { } subject
            ? store.FindPriorOutcomeAsync(context.PromotionId, subject.Value, claim, cancellationToken)
            : Task.FromResult<SubmissionOutcome?>(null);
    }

    public bool Answers(PromotionEntryContext context, ConsentLabel label)
    {
        ArgumentNullException.ThrowIfNull(context);
        return PromotionLabels.Belongs(label, context.Promotion);
    }

    /// <summary>The promotion's own fields, and its sharing requirement — checked here as well as when it was saved: its labels may have changed since.</summary>
    public ApiResult? CheckFurther(PromotionEntryContext context, PromotionEntryRequest request, FormCheck check)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(check);
        var errors = check.Errors;
        errors.AddRange(PromotionEntryValidator.CheckFields(context.Promotion.Fields, request.Fields));
        if (!errors.IsEmpty || !context.Promotion.RequiresSharing || check.Consent.IsGranted(ConsentPurpose.PartnerSharing))
        {
            return null;
        }

        var sharingLabels = check.Applicable.Where(label => label.Purpose == ConsentPurpose.PartnerSharing).ToList();
        if (sharingLabels.Count == 0)
        {
            return Problems.Conflict(ProblemTypes.PromotionClosed, "The promotion is not accepting entries.", "It requires partner sharing, but has no active sharing label.");
        }

        foreach (var label in sharingLabels)
        {
            errors.Add(ConsentEvaluator.ErrorKey(label.LabelId), $"This promotion requires sharing with its partner: consent label '{label.LabelId}' must be granted to enter.", FieldErrorCodes.ConsentRequired);
        }

        return null;
    }

    public async Task<FormStored> StoreAsync(
        PromotionEntryContext context, PromotionEntryRequest request, ConsentEvaluation consent, IdempotencyClaim? claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(consent);
        var now = context.ReceivedAt;
        var subject = context.Subject ?? subjectKeys.For(request.Email!);
        var receiptId = Guid.CreateVersion7().ToString("N");
        var sharing = consent.Decisions.Any(decision => decision.Granted && decision.Label.Purpose == ConsentPurpose.PartnerSharing);
        var entryId = Guid.CreateVersion7().ToString("N");
        var pending = pendingSubmissions.Create(
            Kind,
            SubmissionsTables.PromotionsName,
            PromotionPartitions.ForEntrant(context.PromotionId, subject.Value),
            subject.Value,
            request.Email!,
            request.Name!.Trim(),
            JsonSerializer.Serialize(request.Fields ?? new Dictionary<string, string?>()),
            consent.Decisions,
            receiptId,
            entryId,
            now,
            deliveryId: sharing ? Guid.CreateVersion7().ToString("N") : null,
            partnerId: context.Promotion.PartnerId) with
        {
            LegacyEntryCheck = context.Promotion.MayHoldLegacyEntries,
        };

        var body = new PromotionEntryResponse(entryId, context.PromotionId, ConfirmationStatus.Awaiting, ConsentReceiptView.From(receiptId, now, consent.Decisions));
        var response = new StoredResponse(StatusCodes.Status201Created, JsonSerializer.Serialize(body, ApiJson.Options));
        var outcome = await store.AddPendingEntryAsync(pending, claim, response, cancellationToken);
        if (outcome is SubmissionOutcome.Saved)
        {
            LogEntered(logger, context.PromotionId, entryId, subject.ShortForm, pending.DeliveryId is not null);
            await confirmationMail.OweAsync(pending.ConfirmationId);
        }

        return new FormStored(outcome);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Entry {EntryId} to promotion {PromotionId} stored for subject {Subject}, awaiting confirmation; sharing granted {SharingGranted}")]
    private static partial void LogEntered(ILogger logger, string promotionId, string entryId, string subject, bool sharingGranted);
}
