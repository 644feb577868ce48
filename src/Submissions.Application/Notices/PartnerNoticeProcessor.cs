using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Deliveries;
using Submissions.Application.Http;
using Submissions.Domain.Privacy;
using Submissions.Storage.Deliveries;
using Submissions.Storage.Notices;
using Submissions.Storage.Partners;
using Submissions.Storage.Queues;

namespace Submissions.Application.Notices;

public enum NoticeResult
{
    Delivered,
    AlreadyDone,
    NotFound,
    FailedPermanently,
}

/// <summary>
/// Sends one owed withdrawal or erasure notice to the partner it is for, on the same path as a lead: a lease against
/// concurrent copies, the shared signed sender, transient failures thrown for the queue's retry, final ones dead-lettered.
/// A notice already delivered is never posted again. A notice goes to a partner that is no longer active too — it still
/// holds the data and must be told (GDPR Art. 19) — as long as its URL and signing secret are usable.
/// </summary>
public sealed partial class PartnerNoticeProcessor(
    NoticeStore store,
    DeliveryStore deadLetters,
    SubmissionsQueues queues,
    PartnerStore partners,
    SignedWebhookSender sender,
    PayloadFingerprinter fingerprints,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<PartnerNoticeProcessor> logger)
{
    /// <summary>As for deliveries: longer than one POST with all its retries, shorter than a queue retry.</summary>
    private TimeSpan ClaimLease => TimeSpan.FromSeconds(options.Value.TotalTimeoutSeconds + 10);

    public async Task<NoticeResult> ProcessAsync(PartnerNoticeMessage message, long dequeueCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var notice = await store.GetAsync(message.PartnerId, message.NoticeId, cancellationToken);
        if (notice is null)
        {
            LogUnknown(logger, message.NoticeId);
            return NoticeResult.NotFound;
        }

        if (notice.Status != NoticeEntity.Owed)
        {
            LogAlreadyDone(logger, notice.RowKey, notice.Status);
            return NoticeResult.AlreadyDone;
        }

        // The lease, under the row's ETag, keeps concurrent copies of the message from posting at once; a crashed
        // holder's lease simply runs out.
        var now = time.GetUtcNow();
        if (notice.ClaimedUntil > now)
        {
            throw new TransientDeliveryException("The notice is being processed by another invocation; its message will be retried.");
        }

        notice.Attempts = (int)Math.Max(notice.Attempts + 1, dequeueCount);
        notice.ClaimedUntil = now.Add(ClaimLease);
        if (!await store.TryUpdateAsync(notice, cancellationToken))
        {
            throw new TransientDeliveryException("The notice is being processed by another invocation; its message will be retried.");
        }

        // Inactive partners are deliberately not refused here (see the class summary); a deleted one cannot be reached.
        var partner = await partners.GetAsync(notice.PartitionKey, cancellationToken);
        if (partner is null)
        {
            return await FailAsync(notice, "partner-missing", cancellationToken);
        }

        if (!sender.TryResolve(notice.PartitionKey, partner.WebhookUrl, out var target, out var unusable))
        {
            return await FailAsync(notice, unusable, cancellationToken);
        }

        if (PartnerNotice.From(notice) is not { } body)
        {
            return await FailAsync(notice, "notice-malformed", cancellationToken);
        }

        var payload = JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options);
        string? refusal;
        try
        {
            // webhook-id = notice id: the same on every retry, so the partner de-duplicates.
            refusal = await sender.PostAsync(target, notice.RowKey, payload, cancellationToken);
        }
        catch (TransientDeliveryException ex)
        {
            // Kept so a dead letter says what kept failing; the lease is released for the queue's retry.
            notice.LastError = ex.Reason;
            notice.ClaimedUntil = null;
            await store.TryUpdateAsync(notice, cancellationToken);
            throw;
        }

        if (refusal is not null)
        {
            // Redirects are not followed and a 4xx other than 408/429 will not change by retrying: a dead letter now.
            return await FailAsync(notice, refusal, cancellationToken);
        }

        notice.Status = NoticeEntity.Delivered;
        notice.ClaimedUntil = null;
        notice.CompletedAt = time.GetUtcNow();
        notice.PayloadSha256 = fingerprints.Of(payload);
        notice.LastError = null;
        await MarkDeliveredAsync(notice, cancellationToken);
        LogDelivered(logger, notice.RowKey, notice.PartitionKey, notice.Type, notice.Attempts);
        return NoticeResult.Delivered;
    }

    /// <summary>The poison queue's message: retries are exhausted; record a dead letter admins can see and retry.</summary>
    public async Task RecordDeadLetterAsync(PartnerNoticeMessage message, long dequeueCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var notice = await store.GetAsync(message.PartnerId, message.NoticeId, cancellationToken);
        if (notice is null || notice.Status != NoticeEntity.Owed)
        {
            return;
        }

        if (notice.ClaimedUntil > time.GetUtcNow())
        {
            // An attempt is still in flight; its own outcome decides. Try the poison message again later.
            throw new TransientDeliveryException("The notice is being processed; the dead letter will be decided after it.");
        }

        notice.Attempts = (int)Math.Max(notice.Attempts, dequeueCount);
        await FailAsync(notice, notice.LastError ?? "retries-exhausted", cancellationToken);
    }

    /// <summary>Sends again the queue message of every notice owed for longer than the outbox sweep age.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now.AddMinutes(-options.Value.OutboxSweepAgeMinutes);
        var sent = 0;
        await foreach (var notice in store.ListOwedBeforeAsync(cutoff, cancellationToken))
        {
            // Skip what is in flight or was re-sent recently, so a backlog is not multiplied every run.
            if (notice.ClaimedUntil > now || notice.LastSentAt > cutoff)
            {
                continue;
            }

            notice.LastSentAt = now;
            if (await store.TryUpdateAsync(notice, cancellationToken))
            {
                await queues.SendNoticeAsync(notice.PartitionKey, notice.RowKey, cancellationToken);
                sent++;
            }
        }

        LogSwept(logger, sent);
        return sent;
    }

    /// <summary>An admin's retry of a notice's dead letter: owed again, its dead letter removed, its message sent.</summary>
    public async Task<bool> RetryAsync(DeliveryFailureEntity failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var noticeId = failure.RowKey;

        // The dead letter goes first: if the retry fails again at once, its new dead letter must survive.
        await deadLetters.DeleteFailureAsync(noticeId, cancellationToken);
        var notice = await store.GetAsync(failure.PartnerId, noticeId, cancellationToken);
        if (notice is not null && notice.Status == NoticeEntity.Failed)
        {
            notice.Status = NoticeEntity.Owed;
            notice.LastError = null;
            notice.CompletedAt = null;
            notice.ClaimedUntil = null;
            notice.LastSentAt = time.GetUtcNow();
            if (!await store.TryUpdateAsync(notice, cancellationToken))
            {
                await deadLetters.RecordFailureAsync(failure, cancellationToken);
                return false;
            }
        }

        await queues.SendNoticeAsync(failure.PartnerId, noticeId, cancellationToken);
        LogRetried(logger, noticeId);
        return true;
    }

    /// <summary>
    /// The partner has been told, so "delivered" wins over anything written meanwhile (a poison handler's dead letter,
    /// say): re-read and overwrite until it sticks, and drop any dead letter recorded for it.
    /// </summary>
    private async Task MarkDeliveredAsync(NoticeEntity delivered, CancellationToken cancellationToken)
    {
        var conflicted = false;
        while (!await store.TryUpdateAsync(delivered, cancellationToken))
        {
            conflicted = true;
            var latest = await store.GetAsync(delivered.PartitionKey, delivered.RowKey, cancellationToken);
            if (latest is null)
            {
                return;
            }

            delivered.ETag = latest.ETag;
        }

        if (conflicted)
        {
            await deadLetters.DeleteFailureAsync(delivered.RowKey, cancellationToken);
        }
    }

    private async Task<NoticeResult> FailAsync(NoticeEntity notice, string reason, CancellationToken cancellationToken)
    {
        notice.Status = NoticeEntity.Failed;
        notice.ClaimedUntil = null;
        notice.LastError = reason;
        notice.CompletedAt = time.GetUtcNow();
        await store.TryUpdateAsync(notice, cancellationToken);
        await deadLetters.RecordFailureAsync(
            new DeliveryFailureEntity
            {
                RowKey = notice.RowKey,
                Kind = DeliveryFailureEntity.NoticeKind,
                PartnerId = notice.PartitionKey,
                Reason = reason,
                Attempts = notice.Attempts,
                FailedAt = notice.CompletedAt.Value,
            },
            cancellationToken);
        LogFailed(logger, notice.RowKey, notice.PartitionKey, reason);
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

    [LoggerMessage(EventId = 2206, Level = LogLevel.Information, Message = "Notice {NoticeId} retried by an admin")]
    private static partial void LogRetried(ILogger logger, string noticeId);
}
