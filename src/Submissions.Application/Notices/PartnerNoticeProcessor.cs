using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Deliveries;
using Submissions.Application.Http;
using Submissions.Domain.Privacy;
using Submissions.Storage.Deliveries;
using Submissions.Storage.Notices;
using Submissions.Storage.Outbox;
using Submissions.Storage.Partners;
using Submissions.Storage.Queues;

namespace Submissions.Application.Notices;

/// <summary>
/// Sends one owed withdrawal or erasure notice to the partner it is for, on the same path as a lead: a lease against
/// concurrent copies, the shared signed sender, the retry schedule and breaker after a transient failure
/// (<see cref="PartnerRetries"/>), final failures dead-lettered.
/// A notice already delivered is never posted again. A notice goes to a partner that is no longer active too — it still
/// holds the data and must be told (GDPR Art. 19) — as long as its URL and signing secret are usable.
/// </summary>
public sealed partial class PartnerNoticeProcessor(
    NoticeStore store,
    DeliveryStore deliveries,
    DeadLetterStore deadLetters,
    SubmissionsQueues queues,
    PartnerStore partners,
    SignedWebhookSender sender,
    PayloadFingerprinter fingerprints,
    PartnerRetries retries,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<PartnerNoticeProcessor> logger)
{
    /// <summary>Why a notice held before issue 19 was released (the queue retried it then): a notice waiting on a lead, never a failure of its own.</summary>
    private const string HeldReason = "delivery-in-flight";

    /// <summary>The lifecycle deliveries share, and their lease: longer than one POST with all its retries, shorter than a queue retry.</summary>
    private readonly OutboxAttempts<OwedNotice> attempts = new(
        new OutboxKind<OwedNotice>(
            "notice",
            store.TryUpdateAsync,
            (notice, token) => store.GetOwedAsync(notice.PartnerId, notice.NoticeId, token),
            notice => notice.NoticeId,
            (notice, delay, token) => queues.SendNoticeAsync(notice.PartnerId, notice.NoticeId, token, delay)),
        deadLetters,
        time,
        TimeSpan.FromSeconds(options.Value.TotalTimeoutSeconds + 10));

    public async Task<NoticeResult> ProcessAsync(PartnerNoticeMessage message, long dequeueCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var notice = await store.GetOwedAsync(message.PartnerId, message.NoticeId, cancellationToken);
        if (notice is null)
        {
            LogUnknown(logger, message.NoticeId);
            return NoticeResult.NotFound;
        }

        if (notice.Status != OutboxStatus.Owed)
        {
            LogAlreadyDone(logger, notice.NoticeId, notice.Status);
            return NoticeResult.AlreadyDone;
        }

        if (attempts.NotYetDue(notice))
        {
            LogNotYetDue(logger, notice.NoticeId);
            return NoticeResult.NotYetDue;
        }

        var attemptsBefore = await attempts.ClaimAsync(notice, dequeueCount, cancellationToken);

        // A lead it is about that is still owed may yet be posted (it is being posted now, or between retries): told
        // first, the partner would get the lead after the notice and keep it. Held — uncounted, not a failure — until
        // just after that lead's next attempt, and so on until every one has ended. A withdrawal stops those it can at
        // once, so this waits only for one in flight or waiting for a retry.
        if (await HeldByAsync(notice, cancellationToken) is { } lead)
        {
            LogHeld(logger, notice.NoticeId, lead.DeliveryId);
            await retries.HoldBehindAsync(attempts, notice, attemptsBefore, lead, time.GetUtcNow(), cancellationToken);
            return NoticeResult.Held;
        }

        // Inactive partners are deliberately not refused here (see the class summary); a deleted one cannot be reached.
        var partner = await partners.GetAsync(notice.PartnerId, cancellationToken);
        if (partner is null)
        {
            return await FailAsync(notice, "partner-missing", cancellationToken);
        }

        if (partner.Health.IsPaused)
        {
            LogWaitingForResume(logger, notice.NoticeId, notice.PartnerId);
            await retries.WaitWhilePausedAsync(attempts, notice, attemptsBefore, cancellationToken);
            return NoticeResult.Paused;
        }

        if (!sender.TryResolve(notice.PartnerId, partner.WebhookUrl, out var target, out var unusable))
        {
            return await FailAsync(notice, unusable, cancellationToken);
        }

        return PartnerNotice.From(notice) is { } body
            ? await PostAsync(notice, partner, target, body, cancellationToken)
            : await FailAsync(notice, "notice-malformed", cancellationToken);
    }

    /// <summary>The poison queue's message: retries are exhausted; record a dead letter admins can see and retry.</summary>
    public async Task RecordDeadLetterAsync(PartnerNoticeMessage message, long dequeueCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var notice = await store.GetOwedAsync(message.PartnerId, message.NoticeId, cancellationToken);
        if (attempts.DeadLetterReason(notice, dequeueCount) is { } reason)
        {
            // Held, not failed: still held, or held until just now (its retries ran out waiting on a lead that has only
            // now ended). It stays owed and the outbox sweep sends it again — a partner is never left untold.
            if (reason is HeldReason or PartnerRetries.HeldReason || await HeldByAsync(notice!, cancellationToken) is not null)
            {
                LogLeftForSweep(logger, notice!.NoticeId);
                return;
            }

            await FailAsync(notice!, reason, cancellationToken);
        }
    }

    /// <summary>Sends again the queue message of every notice owed for longer than the outbox sweep age.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddMinutes(-options.Value.OutboxSweepAgeMinutes);
        var sent = await attempts.SweepAsync(store.ListOwedBeforeAsync(cutoff, cancellationToken), cutoff, cancellationToken);
        LogSwept(logger, sent);
        return sent;
    }

    /// <summary>After an admin resumed the partner: every notice owed to it that is not being sent right now goes at once. Returns how many.</summary>
    public Task<int> ResumeWaitingAsync(string partnerId, CancellationToken cancellationToken) =>
        attempts.SendNowAsync(store.ListOwedAsync(partnerId, cancellationToken), _ => true, cancellationToken);

    /// <summary>An admin's retry of a notice's dead letter: owed again, its dead letter removed, its message sent.</summary>
    public async Task<bool> RetryAsync(DeadLetter failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var retried = await attempts.RetryAsync(
            failure,
            token => store.GetOwedAsync(failure.PartnerId, failure.Id, token),
            token => queues.SendNoticeAsync(failure.PartnerId, failure.Id, token),
            cancellationToken);
        if (retried)
        {
            LogRetried(logger, failure.Id);
        }

        return retried;
    }

    /// <summary>Posts the notice's body; transient failures are thrown for the queue's retry, a refusal is final.</summary>
    private async Task<NoticeResult> PostAsync(OwedNotice notice, StoredPartner partner, WebhookTarget target, PartnerNotice body, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options);
        string? refusal;
        try
        {
            // webhook-id = notice id: the same on every retry, so the partner de-duplicates.
            refusal = (await sender.PostAsync(target, notice.NoticeId, payload, cancellationToken)).Refusal;
        }
        catch (TransientDeliveryException ex)
        {
            return await retries.AfterFailureAsync(attempts, notice, notice.PartnerId, ex.Reason, cancellationToken) switch
            {
                RetryDecision.Scheduled => NoticeResult.RetryScheduled,
                RetryDecision.Paused => NoticeResult.Paused,
                _ => await FailAsync(notice, ex.Reason, cancellationToken),
            };
        }

        if (refusal is not null)
        {
            // Redirects are not followed and a 4xx other than 408/429 will not change by retrying: a dead letter now.
            return await FailAsync(notice, refusal, cancellationToken);
        }

        notice.PayloadSha256 = fingerprints.Of(payload);
        await attempts.MarkDeliveredAsync(notice, cancellationToken);
        await retries.Breaker.RecordSuccessAsync(partner, cancellationToken);
        LogDelivered(logger, notice.NoticeId, notice.PartnerId, notice.Type, notice.Attempts);
        return NoticeResult.Delivered;
    }

    /// <summary>The first delivery the notice names that is still owed (one point read each), or null.</summary>
    private async Task<OwedDelivery?> HeldByAsync(OwedNotice notice, CancellationToken cancellationToken)
    {
        foreach (var (promotionId, deliveryId) in notice.Deliveries)
        {
            if (await deliveries.GetOwedAsync(promotionId, deliveryId, cancellationToken) is { Status: OutboxStatus.Owed } owed)
            {
                return owed;
            }
        }

        return null;
    }

    private async Task<NoticeResult> FailAsync(OwedNotice notice, string reason, CancellationToken cancellationToken)
    {
        await attempts.FailAsync(notice, reason, DeadLetter.ForNotice(notice.PartnerId), cancellationToken);
        LogFailed(logger, notice.NoticeId, notice.PartnerId, reason);
        return NoticeResult.FailedPermanently;
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Notice {NoticeId} ({Type}) sent to partner {PartnerId}, attempt {Attempts}")]
    private static partial void LogDelivered(ILogger logger, string noticeId, string partnerId, string type, int attempts);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Notice {NoticeId} to partner {PartnerId} failed for good: {Reason}")]
    private static partial void LogFailed(ILogger logger, string noticeId, string partnerId, string reason);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Information, Message = "Notice {NoticeId} already {Status}; nothing sent")]
    private static partial void LogAlreadyDone(ILogger logger, string noticeId, string status);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Warning, Message = "Notice {NoticeId} is not owed anywhere; message ignored")]
    private static partial void LogUnknown(ILogger logger, string noticeId);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Information, Message = "Outbox sweep re-sent {Count} owed notices")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 2208, Level = LogLevel.Information, Message = "Notice {NoticeId} held: delivery {DeliveryId} it is about is still owed")]
    private static partial void LogHeld(ILogger logger, string noticeId, string deliveryId);

    [LoggerMessage(EventId = 2209, Level = LogLevel.Information, Message = "Notice {NoticeId} ran out of retries while held behind a delivery; left owed for the outbox sweep")]
    private static partial void LogLeftForSweep(ILogger logger, string noticeId);

    [LoggerMessage(EventId = 2211, Level = LogLevel.Debug, Message = "Notice {NoticeId} not yet due: a stray copy of its message, ignored")]
    private static partial void LogNotYetDue(ILogger logger, string noticeId);

    [LoggerMessage(EventId = 2210, Level = LogLevel.Information, Message = "Notice {NoticeId} waits: partner {PartnerId} is paused")]
    private static partial void LogWaitingForResume(ILogger logger, string noticeId, string partnerId);

    [LoggerMessage(EventId = 2206, Level = LogLevel.Information, Message = "Notice {NoticeId} retried by an admin")]
    private static partial void LogRetried(ILogger logger, string noticeId);
}
