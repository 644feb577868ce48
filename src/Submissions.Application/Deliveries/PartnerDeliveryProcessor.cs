using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Caching;
using Submissions.Application.ConsentLabels;
using Submissions.Application.OptOut;
using Submissions.Domain.Privacy;
using Submissions.Storage.Deliveries;
using Submissions.Storage.Outbox;
using Submissions.Storage.Partners;
using Submissions.Storage.Queues;

namespace Submissions.Application.Deliveries;

/// <summary>
/// Delivers one owed lead: re-checks consent at delivery time, cuts the payload to the fields the granted labels cover
/// that the partner may receive, signs it (Standard Webhooks), posts it, and records the disclosure. A delivery that
/// is already done is never posted again, so duplicate queue messages are harmless. In five sequential storage stages:
/// the owed row; the entry, its ledger records and the partner together; the lease with what is about to be posted
/// beside the pending disclosure; the person's tombstone and own consent records; after the POST, the row's outcome
/// beside the completed disclosure. The checks are <see cref="LeadChecks"/>', sending is <see cref="LeadSending"/>'s
/// and how a delivery ends is <see cref="DeliveryEndings"/>'. A transient failure schedules the next attempt
/// (<see cref="PartnerRetries"/>); a lead waits while its partner is paused, and behind an earlier lead of the same
/// person that a failing partner has not taken yet, so a partner back from an outage gets each person's leads in order.
/// </summary>
public sealed partial class PartnerDeliveryProcessor
{
    private readonly DeliveryStore store;
    private readonly SubmissionsQueues queues;
    private readonly PartnerDefinitions partners;
    private readonly IOptions<DeliveryOptions> options;
    private readonly TimeProvider time;
    private readonly ILogger<PartnerDeliveryProcessor> logger;
    private readonly OutboxAttempts<OwedDelivery> attempts;
    private readonly SharingConsent consent;
    private readonly LeadChecks checks;
    private readonly DeliveryEndings endings;
    private readonly LeadSending sending;
    private readonly PartnerRetries retries;

    public PartnerDeliveryProcessor(
        DeliveryStore store,
        DeadLetterStore deadLetters,
        SubmissionsQueues queues,
        PartnerStore partners,
        ReadThroughCache cache,
        IOptions<ReadCacheOptions> cacheOptions,
        ConsentLabelCatalog catalog,
        SignedWebhookSender sender,
        PayloadFingerprinter fingerprints,
        PartnerRetries retries,
        OptOutLinks optOutLinks,
        IOptions<DeliveryOptions> options,
        TimeProvider time,
        ILogger<PartnerDeliveryProcessor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.store = store;
        this.queues = queues;
        this.partners = new PartnerDefinitions(partners, cache, cacheOptions);
        this.options = options;
        this.time = time;
        this.logger = logger;
        this.retries = retries;

        // The lease is longer than one POST with all its retries may take (the overall timeout), shorter than a queue retry.
        attempts = new OutboxAttempts<OwedDelivery>(
            new OutboxKind<OwedDelivery>(
                "delivery",
                store.TryUpdateOwedAsync,
                (owed, token) => store.GetOwedAsync(owed.Partition, owed.DeliveryId, token),
                owed => owed.DeliveryId,
                (owed, delay, token) => queues.SendDeliveryAsync(owed.Partition, owed.DeliveryId, token, delay)),
            deadLetters,
            time,
            TimeSpan.FromSeconds(options.Value.TotalTimeoutSeconds + 10));
        consent = new SharingConsent(catalog);
        checks = new LeadChecks(consent, sender);
        endings = new DeliveryEndings(store, attempts, time, logger);
        sending = new LeadSending(attempts, endings, checks, store, sender, fingerprints, retries, optOutLinks, TimeSpan.FromSeconds(options.Value.TotalTimeoutSeconds + 5), time);
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

        if (attempts.NotYetDue(owed))
        {
            LogNotYetDue(logger, owed.DeliveryId);
            return DeliveryResult.NotYetDue;
        }

        // Another copy holding the lease: back off before reading anything. The lease itself is taken with the first write.
        var attemptsBefore = attempts.Begin(owed, dequeueCount);
        var facts = await ReadFactsAsync(owed, cancellationToken);
        var prepared = await checks.CheckAsync(owed, facts, own: null, cancellationToken);
        if (prepared.Lead is not { } lead)
        {
            return await DecideUnsentAsync(owed, facts, attemptsBefore, cancellationToken);
        }

        return await WaitAsync(owed, facts, attemptsBefore, cancellationToken) ?? await sending.SendAsync(owed, lead, facts, cancellationToken);
    }

    /// <summary>
    /// A lead that would leave now waits instead, uncounted, while its partner is paused, or behind an earlier lead of
    /// the same person to the same partner that is still owed (looked for only while the partner has been failing:
    /// see <see cref="PartnerBreaker.MayHaveLeadsWaiting"/>). Null: it may leave.
    /// </summary>
    private async Task<DeliveryResult?> WaitAsync(OwedDelivery owed, LeadFacts facts, int attemptsBefore, CancellationToken cancellationToken)
    {
        if (facts.Partner is not { } partner)
        {
            return null;
        }

        // The cached copy may still say paused after an admin's resume (on another instance): asked again before waiting.
        if (partner.Health.IsPaused && partners.Cached)
        {
            partner = await partners.GetFreshAsync(owed.PartnerId, cancellationToken) ?? partner;
        }

        if (partner.Health.IsPaused)
        {
            await retries.WaitWhilePausedAsync(attempts, owed, attemptsBefore, cancellationToken);
            LogWaitingForResume(logger, owed.DeliveryId, owed.PartnerId);
            return DeliveryResult.Paused;
        }

        if (retries.Breaker.MayHaveLeadsWaiting(partner) && await store.FindEarlierOwedAsync(owed, cancellationToken) is { } earlier)
        {
            await retries.HoldBehindAsync(attempts, owed, attemptsBefore, earlier, time.GetUtcNow(), cancellationToken);
            LogHeldBehind(logger, owed.DeliveryId, earlier.DeliveryId);
            return DeliveryResult.Held;
        }

        return null;
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
    /// After an admin resumed the partner: every lead owed to it that is not being sent right now goes at once — those
    /// that waited for the resume and those waiting for a scheduled retry alike. Returns how many.
    /// </summary>
    public Task<int> ResumeWaitingAsync(string partnerId, CancellationToken cancellationToken) =>
        attempts.SendNowAsync(
            store.ListOwedBeforeAsync(time.GetUtcNow().AddSeconds(1), cancellationToken),
            owed => owed.PartnerId == partnerId,
            cancellationToken);

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
    /// The entry, the person's ledger records in its partition and the partner, read together; then, from the catalog,
    /// which of the labels the receipt answered share with this partner.
    /// </summary>
    private async Task<LeadFacts> ReadFactsAsync(OwedDelivery owed, CancellationToken cancellationToken)
    {
        var entryRead = store.GetEntryAsync(owed, cancellationToken);
        var answersRead = store.GetEntryAnswersAsync(owed, cancellationToken);
        var partnerRead = partners.GetAsync(owed.PartnerId, cancellationToken);
        await Task.WhenAll(entryRead, answersRead, partnerRead);
        var answers = await answersRead;
        return new LeadFacts(await entryRead, answers, await consent.SharingLabelsAsync(owed, answers, cancellationToken), await partnerRead);
    }

    /// <summary>
    /// The entry's side lets no lead through. Before the delivery is ended on that, it is judged as one about to leave
    /// would be — on the person's partition (an erasure decides first; a newer grant there may yet let it through) and
    /// on the partner as stored now, never a cached copy — then ended, or sent after all. Nothing is written before.
    /// </summary>
    private async Task<DeliveryResult> DecideUnsentAsync(OwedDelivery owed, LeadFacts facts, int attemptsBefore, CancellationToken cancellationToken)
    {
        var ownRead = store.GetSubjectChecksAsync(owed.SubjectKey, facts.Labels ?? [], cancellationToken);
        var partnerRead = partners.Cached ? partners.GetFreshAsync(owed.PartnerId, cancellationToken) : Task.FromResult(facts.Partner);
        await Task.WhenAll(ownRead, partnerRead);
        facts = facts with { Partner = await partnerRead };
        var check = await checks.CheckAsync(owed, facts, await ownRead, cancellationToken);
        return check.Lead is { } lead
            ? await WaitAsync(owed, facts, attemptsBefore, cancellationToken) ?? await sending.SendAsync(owed, lead, facts, cancellationToken)
            : await endings.EndAsync(owed, check, cancellationToken);
    }

    [LoggerMessage(EventId = 2114, Level = LogLevel.Debug, Message = "Delivery {DeliveryId} not yet due: a stray copy of its message, ignored")]
    private static partial void LogNotYetDue(ILogger logger, string deliveryId);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Information, Message = "Delivery {DeliveryId} waits: partner {PartnerId} is paused")]
    private static partial void LogWaitingForResume(ILogger logger, string deliveryId, string partnerId);

    [LoggerMessage(EventId = 2113, Level = LogLevel.Information, Message = "Delivery {DeliveryId} held behind delivery {EarlierDeliveryId} of the same person to the same partner")]
    private static partial void LogHeldBehind(ILogger logger, string deliveryId, string earlierDeliveryId);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Delivery {DeliveryId} already {Status}; nothing sent")]
    private static partial void LogAlreadyDone(ILogger logger, string deliveryId, string status);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} is not owed anywhere; message ignored")]
    private static partial void LogUnknown(ILogger logger, string deliveryId);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Information, Message = "Outbox sweep re-sent {Count} owed deliveries")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Information, Message = "Delivery {DeliveryId} retried by an admin")]
    private static partial void LogRetried(ILogger logger, string deliveryId);
}
