using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.ConsentLabels;
using Submissions.Application.Http;
using Submissions.Domain.Consent;
using Submissions.Domain.Delivery;
using Submissions.Domain.Privacy;
using Submissions.Storage.Deliveries;
using Submissions.Storage.Partners;
using Submissions.Storage.Promotions;
using Submissions.Storage.Queues;

namespace Submissions.Application.Deliveries;

public enum DeliveryResult
{
    Delivered,
    AlreadyDone,
    NotFound,
    ConsentWithdrawn,
    FailedPermanently,
}

/// <summary>
/// Delivers one owed lead: re-checks consent at delivery time, cuts the payload to the fields the granted labels cover
/// that the partner may receive, signs it (Standard Webhooks), posts it, and records the disclosure. A delivery that
/// is already done is never posted again, so duplicate queue messages are harmless.
/// </summary>
public sealed partial class PartnerDeliveryProcessor(
    DeliveryStore store,
    SubmissionsQueues queues,
    PartnerStore partners,
    ConsentLabelCatalog catalog,
    SignedWebhookSender sender,
    PayloadFingerprinter fingerprints,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<PartnerDeliveryProcessor> logger)
{
    /// <summary>The lease is longer than one POST with all its retries may take (the overall timeout), shorter than a queue retry.</summary>
    private readonly OutboxAttempts<OwedDeliveryEntity> attempts = new(
        new OutboxKind<OwedDeliveryEntity>(
            "delivery",
            store.TryUpdateOwedAsync,
            (owed, token) => store.GetOwedAsync(owed.PartitionKey, owed.DeliveryId, token),
            owed => owed.DeliveryId,
            (owed, token) => queues.SendDeliveryAsync(owed.PartitionKey, owed.DeliveryId, token)),
        store,
        time,
        TimeSpan.FromSeconds(options.Value.TotalTimeoutSeconds + 10));

    public async Task<DeliveryResult> ProcessAsync(PartnerDeliveryMessage message, long dequeueCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var owed = await store.GetOwedAsync(message.PromotionId, message.DeliveryId, cancellationToken);
        if (owed is null)
        {
            LogUnknown(logger, message.DeliveryId);
            return DeliveryResult.NotFound;
        }

        if (owed.Status != OwedDeliveryEntity.Owed)
        {
            // A crash may have come between ending the row and settling its disclosure: each settle is idempotent.
            if (owed.Status == OwedDeliveryEntity.Delivered)
            {
                await store.TryCompleteDisclosureAsync(DisclosureFor(message.PromotionId, owed, OwedDeliveryEntity.Delivered), cancellationToken);
            }
            else
            {
                await store.SettleUnacceptedDisclosureAsync(owed, cancellationToken);
            }

            LogAlreadyDone(logger, owed.DeliveryId, owed.Status);
            return DeliveryResult.AlreadyDone;
        }

        await attempts.ClaimAsync(owed, dequeueCount, cancellationToken);

        // The disclosure is recorded as pending BEFORE consent and erasure are checked: a withdrawal or erasure that
        // lands after the check reads it (they read disclosures after they take effect) and tells the partner; one
        // that landed before is seen by the check. Nothing can reach the partner unseen by both.
        await store.RecordPendingDisclosureAsync(DisclosureFor(message.PromotionId, owed, PendingOutcome), cancellationToken);
        var entryRead = store.GetEntryAsync(message.PromotionId, owed.EntryRowKey, cancellationToken);
        var receiptRead = store.GetReceiptAsync(message.PromotionId, owed.ReceiptId, cancellationToken);
        var erasureRead = store.ErasedAtAsync(owed.SubjectKey, cancellationToken);
        await Task.WhenAll(entryRead, receiptRead, erasureRead);

        // An erased person's earlier entries are never delivered, even one that reappeared after the erasure
        // (a submission in flight while it ran).
        if (await erasureRead is { } erasedAt && owed.CreatedAt <= erasedAt)
        {
            return await StopAsync(owed, "subject-erased", cancellationToken);
        }

        var (entry, receipt) = (await entryRead, await receiptRead);
        if (entry is null || receipt is null)
        {
            return await FailAsync(message.PromotionId, owed, "entry-missing", cancellationToken);
        }

        var granted = await EffectiveSharingAsync(message.PromotionId, owed, receipt.Answers, cancellationToken);
        if (granted.Count == 0)
        {
            return await StopAsync(owed, "consent-withdrawn", cancellationToken);
        }

        var partner = await partners.GetAsync(owed.PartnerId, cancellationToken);
        if (partner is not { Active: true })
        {
            return await FailAsync(message.PromotionId, owed, "partner-inactive", cancellationToken);
        }

        if (!sender.TryResolve(owed.PartnerId, partner.WebhookUrl, out var target, out var unusable))
        {
            return await FailAsync(message.PromotionId, owed, unusable, cancellationToken);
        }

        var fields = PartnerPayload.AllowedFields(granted.SelectMany(sharing => sharing.Label.Fields), partner.FieldList);
        if (fields.Count == 0)
        {
            return await FailAsync(message.PromotionId, owed, "no-allowed-fields", cancellationToken);
        }

        // What is about to leave is on the owed row before the first byte does (FirstPostedAt, the fields, the
        // consents, the fingerprint): however this attempt ends, a later stop or failure then knows the partner may
        // hold it. One write for the first POST or a changed payload; none for a retry of the same one.
        var payload = BuildPayload(message, owed, entry, granted, fields);
        // After an earlier body may have left, the record keeps every field and consent any body carried (the partner
        // may hold them all), not just this one's.
        var earlierPost = owed.FirstPostedAt;
        var posting = (
            Fields: JoinAll(earlierPost is null ? null : owed.FieldNames, fields),
            Consents: JoinAll(earlierPost is null ? null : owed.Consents, granted.Select(sharing => $"{sharing.Label.LabelId}:{sharing.Label.Version}:{sharing.ReceiptId}")),
            Sha256: fingerprints.Of(payload));
        var unrecorded = earlierPost is null || (owed.FieldNames, owed.Consents, owed.PayloadSha256) != posting;
        owed.FirstPostedAt ??= time.GetUtcNow();
        (owed.FieldNames, owed.Consents, owed.PayloadSha256) = posting;

        // The lease must last the whole POST: an erasure takes a delivery whose lease ran out for ended, tells the
        // partner and answers 200, so a lead still on the wire would arrive after it. Slow storage can spend most of
        // the lease before here; then it is renewed (one more write, only then).
        if (await attempts.ExtendAsync(owed, TimeSpan.FromSeconds(options.Value.TotalTimeoutSeconds + 5), cancellationToken, store: unrecorded)
            && await store.ErasedAtAsync(owed.SubjectKey, cancellationToken) is { } lateErasure && owed.CreatedAt <= lateErasure)
        {
            // It had run out: an erasure that looked in that gap saw nothing in flight, but wrote its tombstone first.
            // Nothing of this attempt was posted.
            owed.FirstPostedAt = earlierPost;
            return await StopAsync(owed, "subject-erased", cancellationToken);
        }

        WebhookAnswer answer;
        try
        {
            answer = await sender.PostAsync(target, owed.DeliveryId, payload, cancellationToken);
        }
        catch (TransientDeliveryException ex)
        {
            await attempts.ReleaseAsync(owed, ex.Reason, cancellationToken);
            throw;
        }
        if (answer.Refusal is null)
        {
            // Both are skipped when an erasure removed the rows meanwhile: it has already told the partner.
            if (await attempts.MarkDeliveredAsync(owed, cancellationToken))
            {
                await store.TryCompleteDisclosureAsync(DisclosureFor(message.PromotionId, owed, OwedDeliveryEntity.Delivered), cancellationToken);
            }

            LogDelivered(logger, owed.DeliveryId, owed.PartnerId, owed.FieldNames, owed.Attempts);
            return DeliveryResult.Delivered;
        }

        // Redirects are not followed and a 4xx other than 408/429 will not change by retrying: a dead letter now. The
        // partner read the body to answer, so the disclosure stands; it is forgotten only when this send's one request
        // never connected (the destination guard) and no earlier one ever started.
        if (earlierPost is null && answer.NothingLeft)
        {
            owed.FirstPostedAt = null;
        }

        return await FailAsync(message.PromotionId, owed, answer.Refusal, cancellationToken);
    }

    /// <summary>The poison queue's message: retries are exhausted; record a dead letter admins can see and retry.</summary>
    public async Task RecordDeadLetterAsync(PartnerDeliveryMessage message, long dequeueCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var owed = await store.GetOwedAsync(message.PromotionId, message.DeliveryId, cancellationToken);
        if (attempts.DeadLetterReason(owed, dequeueCount) is { } reason)
        {
            await FailAsync(message.PromotionId, owed!, reason, cancellationToken);
        }
    }

    /// <summary>
    /// A withdrawal stops a delivery its consent covered: owed and not being posted right now, it is marked withdrawn
    /// under its ETag — so an attempt that claims it after finds it done and never posts it again, and one that claimed
    /// it first wins (the notice then waits for that attempt). Its disclosure is settled as on any stop. False when it
    /// was not stopped (gone, ended, in flight, or claimed meanwhile).
    /// </summary>
    public async Task<bool> TryStopForWithdrawalAsync(string promotionId, string deliveryId, CancellationToken cancellationToken)
    {
        var owed = await store.GetOwedAsync(promotionId, deliveryId, cancellationToken);
        if (owed is not { Status: OwedDeliveryEntity.Owed } || owed.ClaimedUntil > time.GetUtcNow())
        {
            return false;
        }

        if (!await attempts.StopAsync(owed, "consent-withdrawn", cancellationToken))
        {
            return false;
        }

        await store.SettleUnacceptedDisclosureAsync(owed, cancellationToken);
        LogWithdrawn(logger, owed.DeliveryId, "consent-withdrawn");
        return true;
    }

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
    public async Task<bool> RetryAsync(DeliveryFailureEntity failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var retried = await attempts.RetryAsync(
            failure,
            token => store.GetOwedAsync(failure.PromotionId, failure.RowKey, token),
            token => queues.SendDeliveryAsync(failure.PromotionId, failure.RowKey, token),
            cancellationToken);
        if (retried)
        {
            LogRetried(logger, failure.RowKey);
        }

        return retried;
    }

    private async Task<List<GrantedSharing>> EffectiveSharingAsync(string promotionId, OwedDeliveryEntity owed, string answers, CancellationToken cancellationToken)
    {
        var labels = await catalog.GetAsync(cancellationToken);
        var granted = new List<GrantedSharing>();
        foreach (var labelId in ReceiptLabelIds(answers))
        {
            var latest = labels.Latest(labelId);
            if (latest is not { Purpose: ConsentPurpose.PartnerSharing } || latest.PartnerId != owed.PartnerId)
            {
                continue;
            }

            // The answer that counts is the newest — a withdrawal after the entry stops the delivery.
            var record = await store.EffectiveConsentAsync(promotionId, labelId, owed.SubjectKey, cancellationToken);
            if (record is not null && labels.Find(labelId, record.Version) is null)
            {
                // Answered on a version saved on another instance after this one loaded its catalog.
                labels = await catalog.CoveringAsync([(labelId, record.Version)], cancellationToken);
            }

            if (record is { Granted: true } && labels.Find(labelId, record.Version) is { } answered && answered.PartnerId == owed.PartnerId)
            {
                granted.Add(new GrantedSharing(answered, record.ReceiptId));
            }
        }

        return granted;
    }

    /// <summary>What was recorded before (comma-joined) and what is sent now, each once, in first-seen order.</summary>
    private static string JoinAll(string? recorded, IEnumerable<string> now) =>
        string.Join(',', (recorded ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Concat(now).Distinct(StringComparer.Ordinal));

    private static IEnumerable<string> ReceiptLabelIds(string answers) =>
        answers.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(answer => answer.Split(':')[0]).Distinct(StringComparer.Ordinal);

    private static byte[] BuildPayload(PartnerDeliveryMessage message, OwedDeliveryEntity owed, PromotionEntryEntity entry, List<GrantedSharing> granted, IReadOnlyList<string> fields)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal) { ["email"] = entry.Email, ["name"] = entry.Name };
        foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string?>>(entry.FieldsJson) ?? [])
        {
            values[$"fields.{name}"] = value;
        }

        var lead = new PartnerLead(
            "lead.created",
            owed.DeliveryId,
            message.PromotionId,
            owed.ReceiptId,
            [.. granted.Select(sharing => new PartnerLeadConsent(sharing.Label.LabelId, sharing.Label.Version, sharing.ReceiptId))],
            PartnerPayload.Values(fields, values),
            entry.CreatedAt);
        return JsonSerializer.SerializeToUtf8Bytes(lead, ApiJson.Options);
    }

    /// <summary>
    /// Nothing may be sent any more (consent withdrawn, person erased): done, without a dead letter. Its disclosure goes
    /// only if no request of it ever started; otherwise it stands as possibly delivered.
    /// </summary>
    private async Task<DeliveryResult> StopAsync(OwedDeliveryEntity owed, string reason, CancellationToken cancellationToken)
    {
        await SettleIfEndedAsync(owed, await attempts.StopAsync(owed, reason, cancellationToken), cancellationToken);
        LogWithdrawn(logger, owed.DeliveryId, reason);
        return DeliveryResult.ConsentWithdrawn;
    }

    /// <summary>
    /// Failed for good, with a dead letter. Its disclosure goes only if no request of it ever started — a partner's 400
    /// now does not prove that an earlier request, timed out or answered 5xx, did not reach it; then it stands as
    /// possibly delivered.
    /// </summary>
    private async Task<DeliveryResult> FailAsync(string promotionId, OwedDeliveryEntity owed, string reason, CancellationToken cancellationToken)
    {
        var ended = await attempts.FailAsync(owed, reason, new DeliveryFailureEntity { PromotionId = promotionId, PartnerId = owed.PartnerId }, cancellationToken);
        await SettleIfEndedAsync(owed, ended, cancellationToken);

        LogFailed(logger, owed.DeliveryId, owed.PartnerId, reason);
        return DeliveryResult.FailedPermanently;
    }

    /// <summary>
    /// Settles the disclosure only when this attempt's own write ended the row: when it lost to another copy that
    /// claimed the row meanwhile, its stale view (no request started, say) must not erase what that copy may be posting.
    /// When the row is gone an erasure removed it after owing the partner its notice; a pending record this attempt wrote
    /// back after the erasure's clean-up goes.
    /// </summary>
    private async Task SettleIfEndedAsync(OwedDeliveryEntity owed, bool ended, CancellationToken cancellationToken)
    {
        if (ended)
        {
            await store.SettleUnacceptedDisclosureAsync(owed, cancellationToken);
        }
        else if (await store.GetOwedAsync(owed.PartitionKey, owed.DeliveryId, cancellationToken) is null)
        {
            await store.ForgetDisclosureOfRemovedDeliveryAsync(owed, cancellationToken);
        }
    }

    private const string PendingOutcome = DisclosureEntity.Pending;

    /// <summary>The disclosure record; a pending one is dated when it was recorded, a delivered one when the partner accepted it.</summary>
    private DisclosureEntity DisclosureFor(string promotionId, OwedDeliveryEntity owed, string outcome) => new()
    {
        PartitionKey = owed.SubjectKey,
        RowKey = owed.DeliveryId,
        PartnerId = owed.PartnerId,
        PromotionId = promotionId,
        FieldNames = owed.FieldNames ?? string.Empty,
        ReceiptId = owed.ReceiptId,
        Consents = owed.Consents ?? string.Empty,
        PayloadSha256 = owed.PayloadSha256 ?? string.Empty,
        WebhookId = owed.DeliveryId,
        Attempts = owed.Attempts,
        Outcome = outcome,
        DisclosedAt = outcome == PendingOutcome ? time.GetUtcNow() : owed.CompletedAt ?? time.GetUtcNow(),
    };

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Delivery {DeliveryId} sent to partner {PartnerId}: fields {Fields}, attempt {Attempts}")]
    private static partial void LogDelivered(ILogger logger, string deliveryId, string partnerId, string fields, int attempts);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Delivery {DeliveryId} stopped before sending: {Reason}")]
    private static partial void LogWithdrawn(ILogger logger, string deliveryId, string reason);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} to partner {PartnerId} failed for good: {Reason}")]
    private static partial void LogFailed(ILogger logger, string deliveryId, string partnerId, string reason);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Delivery {DeliveryId} already {Status}; nothing sent")]
    private static partial void LogAlreadyDone(ILogger logger, string deliveryId, string status);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} is not owed anywhere; message ignored")]
    private static partial void LogUnknown(ILogger logger, string deliveryId);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Information, Message = "Outbox sweep re-sent {Count} owed deliveries")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Information, Message = "Delivery {DeliveryId} retried by an admin")]
    private static partial void LogRetried(ILogger logger, string deliveryId);
}

/// <summary>The webhook body: ids to prove consent (receipt, label versions) and only the allowed field values.</summary>
public sealed record PartnerLead(
    string Type,
    string DeliveryId,
    string PromotionId,
    string ReceiptId,
    IReadOnlyList<PartnerLeadConsent> Consents,
    IReadOnlyDictionary<string, string> Data,
    DateTimeOffset EnteredAt);

/// <summary>One consent the delivery rests on, with the receipt that recorded that very answer.</summary>
public sealed record PartnerLeadConsent(string LabelId, int Version, string ReceiptId);

internal sealed record GrantedSharing(ConsentLabel Label, string ReceiptId);
