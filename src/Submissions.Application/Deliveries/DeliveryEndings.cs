using Microsoft.Extensions.Logging;
using Submissions.Storage.Deliveries;
using Submissions.Storage.Outbox;

namespace Submissions.Application.Deliveries;

/// <summary>
/// How a delivery ends and what becomes of its disclosure: delivered (the disclosure completed), stopped before sending
/// (consent withdrawn, person erased) or failed for good (with a dead letter). A disclosure is settled only by the
/// attempt whose own write ended the row, so a stale attempt never undoes what another one may be posting.
/// </summary>
internal sealed partial class DeliveryEndings(DeliveryStore store, OutboxAttempts<OwedDelivery> attempts, TimeProvider time, ILogger logger)
{
    /// <summary>
    /// The partner accepted it: the row marked delivered and the disclosure completed, at once. The completion is an
    /// update, never an upsert, so a disclosure an erasure removed meanwhile (it told the partner) is not written back.
    /// </summary>
    public async Task<DeliveryResult> DeliveredAsync(OwedDelivery owed, CancellationToken cancellationToken)
    {
        // Marked first, so the disclosure is dated as the row's outcome is (CompletedAt is set before its write goes out).
        var marked = attempts.MarkDeliveredAsync(owed, cancellationToken);
        var completed = store.TryCompleteDisclosureAsync(owed, time.GetUtcNow(), cancellationToken);
        await Task.WhenAll(marked, completed);

        LogDelivered(logger, owed.DeliveryId, owed.PartnerId, owed.FieldNames ?? string.Empty, owed.Attempts);
        return DeliveryResult.Delivered;
    }

    /// <summary>Ends a delivery the checks will not let through: stopped (no dead letter) or failed for good.</summary>
    public Task<DeliveryResult> EndAsync(OwedDelivery owed, LeadCheck check, CancellationToken cancellationToken) =>
        check.Stop is { } stop ? StopAsync(owed, stop, cancellationToken) : FailAsync(owed, check.Refusal!, cancellationToken);

    /// <summary>
    /// This attempt recorded its disclosure as pending together with its claim, and the claim lost: another attempt (or
    /// the sweep, an admin, an erasure) changed the row since it was read. The disclosure is put back as the row says
    /// now — settled when it has ended, gone when the row is — so this attempt's record never outlives that outcome.
    /// Still owed, it is left: the attempt holding it, or the next one, settles it after its own outcome.
    /// </summary>
    public async Task AfterLostClaimAsync(OwedDelivery owed, CancellationToken cancellationToken)
    {
        var latest = await attempts.RereadAsync(owed, cancellationToken);
        if (latest is null)
        {
            await store.ForgetDisclosureOfRemovedDeliveryAsync(owed, cancellationToken);
        }
        else if (latest.Status != OutboxStatus.Owed)
        {
            await SettleEndedAsync(latest, cancellationToken);
        }
    }

    /// <summary>
    /// Stopped before sending, without a dead letter. Its disclosure goes if no request of it ever started; otherwise it
    /// stands as possibly delivered.
    /// </summary>
    public async Task<DeliveryResult> StopAsync(OwedDelivery owed, DeliveryStop stop, CancellationToken cancellationToken)
    {
        await SettleIfEndedAsync(owed, await attempts.StopAsync(owed, stop.Reason, cancellationToken), cancellationToken);
        LogStopped(logger, owed.DeliveryId, stop.Reason);
        return stop.Result;
    }

    /// <summary>
    /// Failed for good, with a dead letter. Its disclosure goes only if no request of it ever started — a partner's 400
    /// now does not prove that an earlier request, timed out or answered 5xx, did not reach it; then it stands as
    /// possibly delivered.
    /// </summary>
    public async Task<DeliveryResult> FailAsync(OwedDelivery owed, string reason, CancellationToken cancellationToken)
    {
        var ended = await attempts.FailAsync(owed, reason, DeadLetter.ForDelivery(owed.Partition, owed.PartnerId), cancellationToken);
        await SettleIfEndedAsync(owed, ended, cancellationToken);

        LogFailed(logger, owed.DeliveryId, owed.PartnerId, reason);
        return DeliveryResult.FailedPermanently;
    }

    /// <summary>A row found already ended: a crash may have come between ending it and settling its disclosure, and each settle is idempotent.</summary>
    public async Task SettleEndedAsync(OwedDelivery owed, CancellationToken cancellationToken)
    {
        if (owed.Status == OutboxStatus.Delivered)
        {
            await store.TryCompleteDisclosureAsync(owed, time.GetUtcNow(), cancellationToken);
        }
        else
        {
            await store.SettleUnacceptedDisclosureAsync(owed, cancellationToken);
        }
    }

    /// <summary>
    /// A withdrawal stops a delivery its consent covered: owed and not being posted right now, it is stopped under its
    /// version — so an attempt that claims it after finds it done and never posts it again, and one that claimed it
    /// first wins (the notice then waits for that attempt). Its disclosure is settled as on any stop. False when it was
    /// not stopped (gone, ended, in flight, or claimed meanwhile).
    /// </summary>
    public async Task<bool> TryStopForWithdrawalAsync(string promotionId, string deliveryId, CancellationToken cancellationToken)
    {
        var owed = await store.GetOwedAsync(promotionId, deliveryId, cancellationToken);
        if (owed is not { Status: OutboxStatus.Owed } || owed.ClaimedUntil > time.GetUtcNow())
        {
            return false;
        }

        if (!await attempts.StopAsync(owed, DeliveryStop.ConsentWithdrawn.Reason, cancellationToken))
        {
            return false;
        }

        await store.SettleUnacceptedDisclosureAsync(owed, cancellationToken);
        LogStopped(logger, owed.DeliveryId, DeliveryStop.ConsentWithdrawn.Reason);
        return true;
    }

    /// <summary>
    /// Settles the disclosure only when this attempt's own write ended the row: when it lost to another copy that
    /// claimed the row meanwhile, its stale view (no request started, say) must not erase what that copy may be posting.
    /// When the row is gone an erasure removed it after owing the partner its notice; a pending record this attempt wrote
    /// back after the erasure's clean-up goes.
    /// </summary>
    private async Task SettleIfEndedAsync(OwedDelivery owed, bool ended, CancellationToken cancellationToken)
    {
        if (ended)
        {
            await store.SettleUnacceptedDisclosureAsync(owed, cancellationToken);
        }
        else if (await store.GetOwedAsync(owed.Partition, owed.DeliveryId, cancellationToken) is null)
        {
            await store.ForgetDisclosureOfRemovedDeliveryAsync(owed, cancellationToken);
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Delivery {DeliveryId} sent to partner {PartnerId}: fields {Fields}, attempt {Attempts}")]
    private static partial void LogDelivered(ILogger logger, string deliveryId, string partnerId, string fields, int attempts);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Delivery {DeliveryId} stopped before sending: {Reason}")]
    private static partial void LogStopped(ILogger logger, string deliveryId, string reason);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} to partner {PartnerId} failed for good: {Reason}")]
    private static partial void LogFailed(ILogger logger, string deliveryId, string partnerId, string reason);
}
