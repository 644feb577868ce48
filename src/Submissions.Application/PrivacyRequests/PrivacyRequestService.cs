using Microsoft.Extensions.Logging;
using Submissions.Application.Http;
using Submissions.Application.Subjects;
using Submissions.Domain.Privacy;
using Submissions.Domain.PrivacyRequests;
using Submissions.Storage.PrivacyRequests;
using Submissions.Storage.Queues;

namespace Submissions.Application.PrivacyRequests;

/// <summary>
/// Confirming a privacy request, and finishing an erasure request: the same <see cref="SubjectErasure"/> the admins
/// run, so the same guarantees. An erasure that reports "not complete" (a submission possibly in flight, another run
/// holding the person) leaves the request <c>confirmed</c>; pressing the button again, or the last mail's outbox (its
/// queue retries, then the sweep), runs it again until it completes. Only then is the request completed.
/// </summary>
public sealed partial class PrivacyRequestService(
    PrivacyRequestStore store,
    SubjectErasure erasure,
    PrivacyRequestAudit audit,
    SubmissionsQueues queues,
    TimeProvider time,
    ILogger<PrivacyRequestService> logger)
{
    /// <summary>How long the download link of a confirmed access request works.</summary>
    public static TimeSpan DownloadLifetime { get; } = TimeSpan.FromHours(24);

    /// <summary>Confirms the request (idempotently) and, for an erasure, runs it.</summary>
    public async Task<(PrivacyRequestConfirmation Outcome, PrivacyRequest? Request)> ConfirmAsync(string requestId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var request = await store.FindAsync(requestId, cancellationToken);
            var now = time.GetUtcNow();
            switch (request?.RequestStatus)
            {
                case null or PrivacyRequestStatus.Expired:
                    return (PrivacyRequestConfirmation.Gone, null);
                case PrivacyRequestStatus.Completed:
                    return (PrivacyRequestConfirmation.AlreadyDone, request);
                case PrivacyRequestStatus.Confirmed:
                    return request.Kind == PrivacyRequestKinds.Erasure
                        ? (await FinishErasureAsync(request, cancellationToken) ? PrivacyRequestConfirmation.Erased : PrivacyRequestConfirmation.ErasureInProgress, request)
                        : (PrivacyRequestConfirmation.Confirmed, request);
                case PrivacyRequestStatus.AwaitingConfirmation when request.ExpiresAt <= now:
                    // The address is no longer needed; the retention purge removes the row.
                    request.Expire();
                    await store.TryUpdateAsync(request, cancellationToken);
                    return (PrivacyRequestConfirmation.Gone, null);
            }

            var erasing = request.Kind == PrivacyRequestKinds.Erasure;
            request.Confirm(now, erasing ? PrivacyRequestMailStage.Done : PrivacyRequestMailStage.Download, erasing ? null : now + DownloadLifetime);
            if (!await store.TryUpdateAsync(request, cancellationToken))
            {
                // Its link mail's attempt wrote the row meanwhile: read it again.
                continue;
            }

            await audit.RecordAsync(PrivacyRequestAudit.Confirmed, request.Kind, request.SubjectKey, 0, cancellationToken);
            LogConfirmed(logger, requestId, request.Kind);
            var outcome = erasing && !await FinishErasureAsync(request, cancellationToken)
                ? PrivacyRequestConfirmation.ErasureInProgress
                : erasing ? PrivacyRequestConfirmation.Erased : PrivacyRequestConfirmation.Confirmed;

            // The row owes the mail already (the outbox); a lost message waits for the sweep.
            await FormStorageGuard.TryAsync(
                () => queues.SendMailAsync(PrivacyRequestMailKind.KindName, requestId, CancellationToken.None),
                status => LogEnqueueFailed(logger, requestId, status));
            return (outcome, request);
        }

        throw new InvalidOperationException("The privacy request kept changing while it was being confirmed.");
    }

    /// <summary>
    /// Runs the erasure of a confirmed erasure request; when it reports complete, the request is completed (under the
    /// row's version, re-read on a conflict) and audited. False while it is not complete: nothing else changes.
    /// </summary>
    public async Task<bool> FinishErasureAsync(PrivacyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = await erasure.EraseAsync(new SubjectKey(request.SubjectKey), cancellationToken);
        if (outcome.Report is not { Complete: true } report)
        {
            LogErasureUnfinished(logger, request.RequestId);
            return false;
        }

        request.Complete(time.GetUtcNow());
        while (!await store.TryUpdateAsync(request, cancellationToken))
        {
            if (await store.FindAsync(request.RequestId, cancellationToken) is not { RequestStatus: PrivacyRequestStatus.Confirmed } latest)
            {
                // Completed by another run meanwhile (or gone): its record stands.
                return true;
            }

            request.AdoptVersionOf(latest);
        }

        await audit.RecordAsync(PrivacyRequestAudit.Erased, request.Kind, request.SubjectKey, report.Removed.Records, cancellationToken);
        LogErased(logger, request.RequestId, report.Removed.Records);
        return true;
    }

    [LoggerMessage(EventId = 3611, Level = LogLevel.Information, Message = "Privacy request {RequestId} ({Kind}) confirmed")]
    private static partial void LogConfirmed(ILogger logger, string requestId, string kind);

    [LoggerMessage(EventId = 3612, Level = LogLevel.Information, Message = "Privacy request {RequestId}: erasure complete, {Records} records removed")]
    private static partial void LogErased(ILogger logger, string requestId, int records);

    [LoggerMessage(EventId = 3613, Level = LogLevel.Information, Message = "Privacy request {RequestId}: erasure not finished yet; a repeat or its last mail's outbox finishes it")]
    private static partial void LogErasureUnfinished(ILogger logger, string requestId);

    [LoggerMessage(EventId = 3614, Level = LogLevel.Warning, Message = "Privacy request {RequestId}: its mail is owed but the queue message failed (status {Status}); the outbox sweep will send it")]
    private static partial void LogEnqueueFailed(ILogger logger, string requestId, int status);
}
