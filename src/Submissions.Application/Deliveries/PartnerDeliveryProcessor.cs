using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.ConsentLabels;
using Submissions.Domain.Delivery;
using Submissions.Domain.Privacy;
using Submissions.Storage.Deliveries;
using Submissions.Storage.Outbox;
using Submissions.Storage.Partners;
using Submissions.Storage.Queues;

namespace Submissions.Application.Deliveries;

/// <summary>
/// Delivers one owed lead: re-checks consent at delivery time, cuts the payload to the fields the granted labels cover
/// that the partner may receive, signs it (Standard Webhooks), posts it, and records the disclosure. A delivery that
/// is already done is never posted again, so duplicate queue messages are harmless. The checks are here; sending is
/// <see cref="LeadSending"/>'s and how a delivery ends is <see cref="DeliveryEndings"/>'.
/// </summary>
public sealed partial class PartnerDeliveryProcessor
{
    private readonly DeliveryStore store;
    private readonly SubmissionsQueues queues;
    private readonly PartnerStore partners;
    private readonly SignedWebhookSender sender;
    private readonly IOptions<DeliveryOptions> options;
    private readonly TimeProvider time;
    private readonly ILogger<PartnerDeliveryProcessor> logger;
    private readonly OutboxAttempts<OwedDelivery> attempts;
    private readonly SharingConsent consent;
    private readonly DeliveryEndings endings;
    private readonly LeadSending sending;

    public PartnerDeliveryProcessor(
        DeliveryStore store,
        DeadLetterStore deadLetters,
        SubmissionsQueues queues,
        PartnerStore partners,
        ConsentLabelCatalog catalog,
        SignedWebhookSender sender,
        PayloadFingerprinter fingerprints,
        IOptions<DeliveryOptions> options,
        TimeProvider time,
        ILogger<PartnerDeliveryProcessor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.store = store;
        this.queues = queues;
        this.partners = partners;
        this.sender = sender;
        this.options = options;
        this.time = time;
        this.logger = logger;

        // The lease is longer than one POST with all its retries may take (the overall timeout), shorter than a queue retry.
        attempts = new OutboxAttempts<OwedDelivery>(
            new OutboxKind<OwedDelivery>(
                "delivery",
                store.TryUpdateOwedAsync,
                (owed, token) => store.GetOwedAsync(owed.Partition, owed.DeliveryId, token),
                owed => owed.DeliveryId,
                (owed, token) => queues.SendDeliveryAsync(owed.Partition, owed.DeliveryId, token)),
            deadLetters,
            time,
            TimeSpan.FromSeconds(options.Value.TotalTimeoutSeconds + 10));
        consent = new SharingConsent(store, catalog);
        endings = new DeliveryEndings(store, attempts, time, logger);
        sending = new LeadSending(attempts, endings, store, sender, fingerprints, TimeSpan.FromSeconds(options.Value.TotalTimeoutSeconds + 5), time);
    }

    public async Task<DeliveryResult> ProcessAsync(PartnerDeliveryMessage message, long dequeueCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var owed = await store.GetOwedAsync(message.Partition, message.DeliveryId, cancellationToken);
        if (owed is null)
        {
            LogUnknown(logger, message.DeliveryId);
            return DeliveryResult.NotFound;
        }

        if (owed.Status != OutboxStatus.Owed)
        {
            await endings.SettleEndedAsync(owed, cancellationToken);
            LogAlreadyDone(logger, owed.DeliveryId, owed.Status);
            return DeliveryResult.AlreadyDone;
        }

        await attempts.ClaimAsync(owed, dequeueCount, cancellationToken);

        // The disclosure is recorded as pending BEFORE consent and erasure are checked: a withdrawal or erasure that
        // lands after the check reads it (they read disclosures after they take effect) and tells the partner; one
        // that landed before is seen by the check. Nothing can reach the partner unseen by both.
        await store.RecordPendingDisclosureAsync(owed, time.GetUtcNow(), cancellationToken);
        var entryRead = store.GetEntryAsync(owed, cancellationToken);
        var answersRead = store.GetReceiptAnswersAsync(owed, cancellationToken);
        var erasureRead = store.ErasedAtAsync(owed.SubjectKey, cancellationToken);
        await Task.WhenAll(entryRead, answersRead, erasureRead);

        // An erased person's earlier entries are never delivered, even one that reappeared after the erasure
        // (a submission in flight while it ran).
        if (await erasureRead is { } erasedAt && owed.CreatedAt <= erasedAt)
        {
            return await endings.StopAsync(owed, DeliveryStop.SubjectErased, cancellationToken);
        }

        var (entry, answers) = (await entryRead, await answersRead);
        if (entry is null || answers is null)
        {
            return await endings.FailAsync(owed, "entry-missing", cancellationToken);
        }

        var granted = await consent.GrantedAsync(owed, answers, cancellationToken);
        if (granted.Count == 0)
        {
            return await endings.StopAsync(owed, DeliveryStop.ConsentWithdrawn, cancellationToken);
        }

        var (target, fields, refusal) = await DestinationAsync(owed, granted, cancellationToken);
        return refusal is null
            ? await sending.SendAsync(owed, new CheckedLead(entry, granted, target!, fields!), cancellationToken)
            : await endings.FailAsync(owed, refusal, cancellationToken);
    }

    /// <summary>The poison queue's message: retries are exhausted; record a dead letter admins can see and retry.</summary>
    public async Task RecordDeadLetterAsync(PartnerDeliveryMessage message, long dequeueCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var owed = await store.GetOwedAsync(message.Partition, message.DeliveryId, cancellationToken);
        if (attempts.DeadLetterReason(owed, dequeueCount) is { } reason)
        {
            await endings.FailAsync(owed!, reason, cancellationToken);
        }
    }

    /// <summary>A withdrawal stops a delivery its consent covered, unless it is being posted right now (see <see cref="DeliveryEndings"/>).</summary>
    public Task<bool> TryStopForWithdrawalAsync(string promotionId, string deliveryId, CancellationToken cancellationToken) =>
        endings.TryStopForWithdrawalAsync(promotionId, deliveryId, cancellationToken);

    /// <summary>Sends again the queue message of every delivery owed for longer than the configured age.</summary>
    public async Task<int> SweepOutboxAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddMinutes(-options.Value.OutboxSweepAgeMinutes);
        var sent = await attempts.SweepAsync(store.ListOwedBeforeAsync(cutoff, cancellationToken), cutoff, cancellationToken);
        LogSwept(logger, sent);
        return sent;
    }

    /// <summary>
    /// An admin's retry of a delivery's dead letter (already read, so the caller could tell its kind): owed again, its
    /// dead letter removed, its message sent. False when the owed row changed meanwhile.
    /// </summary>
    public async Task<bool> RetryAsync(DeadLetter failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var retried = await attempts.RetryAsync(
            failure,
            token => store.GetOwedAsync(failure.PromotionId, failure.Id, token),
            token => queues.SendDeliveryAsync(failure.PromotionId, failure.Id, token),
            cancellationToken);
        if (retried)
        {
            LogRetried(logger, failure.Id);
        }

        return retried;
    }

    /// <summary>
    /// Where the lead goes and which fields it may carry: an active partner with a usable URL and secret, and at least one
    /// field both its granted labels cover and the partner may receive. Otherwise the refusal, which will not heal by retrying.
    /// </summary>
    private async Task<(WebhookTarget? Target, IReadOnlyList<string>? Fields, string? Refusal)> DestinationAsync(
        OwedDelivery owed, List<GrantedSharing> granted, CancellationToken cancellationToken)
    {
        var partner = await partners.GetAsync(owed.PartnerId, cancellationToken);
        if (partner is not { Active: true })
        {
            return (null, null, "partner-inactive");
        }

        if (!sender.TryResolve(owed.PartnerId, partner.WebhookUrl, out var target, out var unusable))
        {
            return (null, null, unusable);
        }

        var fields = PartnerPayload.AllowedFields(granted.SelectMany(sharing => sharing.Label.Fields), partner.FieldList);
        return fields.Count == 0 ? (null, null, "no-allowed-fields") : (target, fields, null);
    }

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Delivery {DeliveryId} already {Status}; nothing sent")]
    private static partial void LogAlreadyDone(ILogger logger, string deliveryId, string status);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} is not owed anywhere; message ignored")]
    private static partial void LogUnknown(ILogger logger, string deliveryId);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Information, Message = "Outbox sweep re-sent {Count} owed deliveries")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Information, Message = "Delivery {DeliveryId} retried by an admin")]
    private static partial void LogRetried(ILogger logger, string deliveryId);
}
