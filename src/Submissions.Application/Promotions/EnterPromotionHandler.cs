using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
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
using Submissions.Storage.Promotions;
using Submissions.Storage.Queues;

namespace Submissions.Application.Promotions;

/// <summary>
/// POST promotions/{promotionId}/entries: one entry per person, within the promotion's window. Sharing with the partner
/// is its own, explicitly answered label; when granted, the entry and the delivery it owes the partner commit together
/// (the outbox), and the queue message naming the delivery follows.
/// </summary>
public sealed partial class EnterPromotionHandler(
    FormSubmissionPipeline pipeline,
    IValidator<PromotionEntryRequest> validator,
    SubjectKeyHasher subjectKeys,
    PromotionStore store,
    SubmissionsQueues queues,
    TimeProvider time,
    ILogger<EnterPromotionHandler> logger) : IFormSubmission<PromotionEntryRequest, PromotionEntryContext>
{
    public string Kind => FormKind.Promotion;

    public IValidator<PromotionEntryRequest> Validator => validator;

    public string DuplicateMessage => "This email has already entered this promotion.";

    public async Task<IActionResult> SubmitAsync(HttpRequest request, string promotionId, CancellationToken cancellationToken) =>
        Identifiers.IsValid(promotionId) ? await pipeline.SubmitAsync(this, request, promotionId, cancellationToken) : Problems.NotFound("No such promotion.");

    public async Task<FormContext<PromotionEntryContext>> LoadAsync(string? target, PromotionEntryRequest request, CancellationToken cancellationToken)
    {
        var promotion = await store.GetAsync(target!, cancellationToken);
        if (promotion is null)
        {
            return new FormContext<PromotionEntryContext>(null!, Problem: Problems.NotFound("No such promotion."));
        }

        var context = new PromotionEntryContext(target!, promotion, time.GetUtcNow());
        var status = PromotionStatus.At(context.ReceivedAt, promotion.StartsAt, promotion.EndsAt);
        return status == PromotionStatus.Open
            ? new FormContext<PromotionEntryContext>(context)
            : new FormContext<PromotionEntryContext>(context, Problems.Conflict(
                ProblemTypes.PromotionClosed,
                status == PromotionStatus.Upcoming ? "The promotion has not started." : "The promotion has ended.",
                $"It accepts entries from {promotion.StartsAt:O} until {promotion.EndsAt:O}."));
    }

    public string Reference(PromotionEntryContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.PromotionId;
    }

    public Task<SubmissionOutcome?> FindPriorOutcomeAsync(PromotionEntryContext context, IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return store.FindPriorOutcomeAsync(context.PromotionId, claim, cancellationToken);
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
        var subject = subjectKeys.For(request.Email!);
        var receipt = new ConsentReceiptDraft(Guid.CreateVersion7().ToString("N"), Kind, now, consent.Decisions);
        var sharing = consent.Decisions.Any(decision => decision.Granted && decision.Label.Purpose == ConsentPurpose.PartnerSharing);
        var entry = new NewPromotionEntry(
            context.PromotionId,
            context.Promotion.PartnerId,
            EntryId: Guid.CreateVersion7().ToString("N"),
            subject.Value,
            request.Email!,
            request.Name!.Trim(),
            request.Fields ?? new Dictionary<string, string?>(),
            now,
            DeliveryId: sharing ? Guid.CreateVersion7().ToString("N") : null);

        var body = new PromotionEntryResponse(entry.EntryId, context.PromotionId, ConsentReceiptView.From(receipt.ReceiptId, now, consent.Decisions));
        var response = new StoredResponse(StatusCodes.Status201Created, JsonSerializer.Serialize(body, ApiJson.Options));
        var outcome = await store.AddEntryAsync(entry, receipt, claim, response, cancellationToken);
        if (outcome is SubmissionOutcome.Saved)
        {
            LogEntered(logger, context.PromotionId, entry.EntryId, subject.ShortForm, entry.DeliveryId is not null);
            if (entry.DeliveryId is { } deliveryId)
            {
                await EnqueueAsync(context.PromotionId, deliveryId);
            }
        }

        return new FormStored(outcome);
    }

    /// <summary>
    /// The entry and its owed delivery are already durable; a failed send only delays the delivery until the outbox
    /// sweep re-sends it, so it does not fail the request.
    /// </summary>
    private Task EnqueueAsync(string promotionId, string deliveryId) =>
        FormStorageGuard.TryAsync(
            // Not the request's token: the entry is committed, and a client that goes away must not cancel the send.
            () => queues.SendDeliveryAsync(promotionId, deliveryId, CancellationToken.None),
            status => LogEnqueueFailed(logger, deliveryId, status));

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Entry {EntryId} to promotion {PromotionId} stored for subject {Subject}; delivery owed {DeliveryOwed}")]
    private static partial void LogEntered(ILogger logger, string promotionId, string entryId, string subject, bool deliveryOwed);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} is owed but its queue message failed (status {Status}); the outbox sweep will send it")]
    private static partial void LogEnqueueFailed(ILogger logger, string deliveryId, int status);
}
