using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Deliveries;
using Submissions.Application.Links;
using Submissions.Application.Mail;
using Submissions.Application.OptOut;
using Submissions.Domain.Links;
using Submissions.Domain.PrivacyRequests;
using Submissions.Storage.Deliveries;
using Submissions.Storage.Outbox;
using Submissions.Storage.PrivacyRequests;
using Submissions.Storage.Queues;

namespace Submissions.Application.PrivacyRequests;

/// <summary>
/// Sends the mail a privacy request owes at its stage (<see cref="PrivacyRequestMailStage"/>: the confirm link, the
/// download link, "your data was erased") — one kind, the stage on the row — on the outbox lifecycle confirmation
/// mails use: a lease against concurrent copies of the message, a transient relay failure released and thrown for the
/// queue's retry, a refusal or exhausted retries dead-lettered (<c>mail:privacy-request</c>) for an admin to retry.
/// The address is read from the row when sending. An erasure's last mail is sent only once the erasure is complete:
/// until then this finishes it, and throws for the queue's retry when it cannot yet.
/// </summary>
public sealed partial class PrivacyRequestMailKind(
    PrivacyRequestStore store,
    PrivacyRequestService requests,
    SignedLinks links,
    IMailTransport transport,
    DeadLetterStore deadLetters,
    SubmissionsQueues queues,
    IOptions<OptOutOptions> publicBase,
    IOptions<DeliveryOptions> delivery,
    TimeProvider time,
    ILogger<PrivacyRequestMailKind> logger) : IOutboundMailKind
{
    public const string KindName = "privacy-request";

    /// <summary>The route of the confirm link (under /api/).</summary>
    public const string ConfirmRoute = "privacy-requests/confirm";

    /// <summary>The route of the download link (under /api/).</summary>
    public const string DownloadRoute = "privacy-requests/download";

    // Longer than one SMTP session with its timeout (and an erasure), shorter than the queue's two-minute visibility timeout.
    private readonly OutboxAttempts<PrivacyRequest> attempts = new(
        new OutboxKind<PrivacyRequest>(
            "privacy request mail",
            store.TryUpdateAsync,
            store.RereadAsync,
            request => request.RequestId,
            (request, _, token) => queues.SendMailAsync(KindName, request.RequestId, token)), // mail is never scheduled later
        deadLetters,
        time,
        TimeSpan.FromSeconds(90));

    public string Kind => KindName;

    public async Task ProcessAsync(string id, long dequeueCount, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } request || request.Status != OutboxStatus.Owed)
        {
            LogNothingOwed(logger, id);
            return;
        }

        if (request.Email is null || (request.MailStage == PrivacyRequestMailStage.Link && request.ExpiresAt <= time.GetUtcNow()))
        {
            await attempts.StopAsync(request, "expired", cancellationToken);
            return;
        }

        await attempts.ClaimAsync(request, dequeueCount, cancellationToken);
        if (request.MailStage == PrivacyRequestMailStage.Done && request.RequestStatus == PrivacyRequestStatus.Confirmed
            && !await requests.FinishErasureAsync(request, cancellationToken))
        {
            await attempts.ReleaseAsync(request, "erasure-in-progress", cancellationToken);
            throw new TransientDeliveryException("The erasure is not finished yet; the queue retries its last mail.", "erasure-in-progress");
        }

        try
        {
            await transport.SendAsync(Compose(request), cancellationToken);
        }
        catch (MailTransportException ex) when (ex.IsTransient)
        {
            await attempts.ReleaseAsync(request, ex.Reason, cancellationToken);
            LogRelayFailed(logger, id, ex.Reason, request.Attempts);
            throw new TransientDeliveryException("The mail relay did not take the mail; the queue retries it.", ex.Reason);
        }
        catch (MailTransportException ex)
        {
            await attempts.FailAsync(request, ex.Reason, DeadLetterFor(), cancellationToken);
            LogFailed(logger, id, ex.Reason);
            return;
        }

        await MarkSentAsync(request, cancellationToken);
    }

    public async Task RecordDeadLetterAsync(string id, long dequeueCount, CancellationToken cancellationToken)
    {
        var request = await store.FindAsync(id, cancellationToken);
        if (attempts.DeadLetterReason(request, dequeueCount) is { } reason)
        {
            await attempts.FailAsync(request!, reason, DeadLetterFor(), cancellationToken);
            LogFailed(logger, id, reason);
        }
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddMinutes(-delivery.Value.OutboxSweepAgeMinutes);
        return await attempts.SweepAsync(store.ListOwedBeforeAsync(cutoff, cancellationToken), cutoff, cancellationToken);
    }

    public Task<bool> RetryAsync(DeadLetter failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return attempts.RetryAsync(
            failure,
            token => store.FindAsync(failure.Id, token),
            token => queues.SendMailAsync(KindName, failure.Id, token),
            cancellationToken);
    }

    /// <summary>
    /// The link mail leaves the address for the next mail; the last mail completes an access request (it is answered)
    /// and takes the address away in the same write.
    /// </summary>
    private async Task MarkSentAsync(PrivacyRequest request, CancellationToken cancellationToken)
    {
        if (request.MailStage != PrivacyRequestMailStage.Link)
        {
            request.Complete(time.GetUtcNow());
            request.ForgetEmail();
        }

        await attempts.MarkDeliveredAsync(request, cancellationToken);
        LogSent(logger, request.RequestId, request.MailStage, request.Attempts);
    }

    private OutgoingMail Compose(PrivacyRequest request)
    {
        var (link, expiresAt) = request.MailStage switch
        {
            PrivacyRequestMailStage.Link => (links.For(LinkPurpose.PrivacyRequest, ConfirmRoute, request.RequestId, request.ExpiresAt), request.ExpiresAt),
            PrivacyRequestMailStage.Download when request.DownloadExpiresAt is { } until =>
                (links.For(LinkPurpose.AccessDownload, DownloadRoute, request.RequestId, until), until),
            _ => ((Uri?)null, time.GetUtcNow()),
        };
        var kind = request.Kind == PrivacyRequestKinds.Erasure ? PrivacyRequestKinds.Erasure : PrivacyRequestKinds.Access;
        return PrivacyRequestMail.Compose(
            request.MailStage, kind, request.Email!, $"{request.RequestId}.privacy-request.{request.MailStage}@{new Uri(publicBase.Value.PublicBaseUrl).Host}", link, expiresAt);
    }

    private static DeadLetter DeadLetterFor() =>
        new(string.Empty, OutboundMailDispatcher.DeadLetterKind(KindName), string.Empty, string.Empty, string.Empty, 0, default);

    [LoggerMessage(EventId = 3621, Level = LogLevel.Information, Message = "Privacy request mail {RequestId} ({Stage}) sent, attempt {Attempts}")]
    private static partial void LogSent(ILogger logger, string requestId, string stage, int attempts);

    [LoggerMessage(EventId = 3622, Level = LogLevel.Warning, Message = "Privacy request mail {RequestId}: relay failed ({Reason}), attempt {Attempts}; the queue retries it")]
    private static partial void LogRelayFailed(ILogger logger, string requestId, string reason, int attempts);

    [LoggerMessage(EventId = 3623, Level = LogLevel.Warning, Message = "Privacy request mail {RequestId} failed for good: {Reason}")]
    private static partial void LogFailed(ILogger logger, string requestId, string reason);

    [LoggerMessage(EventId = 3624, Level = LogLevel.Information, Message = "Privacy request mail {RequestId}: nothing owed (sent, stopped or purged); nothing sent")]
    private static partial void LogNothingOwed(ILogger logger, string requestId);
}
