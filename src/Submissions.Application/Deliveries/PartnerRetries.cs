using Microsoft.Extensions.Options;
using Submissions.Storage.Outbox;

namespace Submissions.Application.Deliveries;

/// <summary>
/// After a lead or notice fails transiently: the failure counted against its partner (<see cref="PartnerBreaker"/>),
/// then the next attempt scheduled by the retry schedule, or — the partner paused — a wait for the resume instead of a
/// dead letter. Also the waits that are not failures: a paused partner, a lead held behind an earlier one.
/// </summary>
public sealed class PartnerRetries(PartnerBreaker breaker, RetrySchedule schedule, IOptions<DeliveryOptions> options)
{
    /// <summary>The reason a waiting row carries while its partner is paused; the resume looks for it.</summary>
    public const string PausedReason = "partner-paused";

    public PartnerBreaker Breaker => breaker;

    private TimeSpan PausedRecheck => TimeSpan.FromMinutes(options.Value.PausedRecheckMinutes);

    internal async Task<RetryDecision> AfterFailureAsync<T>(OutboxAttempts<T> attempts, T row, string partnerId, string reason, CancellationToken cancellationToken)
        where T : OutboxItem
    {
        var health = await breaker.RecordFailureAsync(partnerId, cancellationToken);
        var (decision, waitFor, why) = health.IsPaused
            ? (RetryDecision.Paused, PausedRecheck, PausedReason)
            : schedule.DelayAfter(row.Attempts) is { } delay ? (RetryDecision.Scheduled, delay, reason) : (RetryDecision.Exhausted, TimeSpan.Zero, reason);
        if (decision != RetryDecision.Exhausted && !await attempts.RetryLaterAsync(row, why, waitFor, cancellationToken))
        {
            throw attempts.Busy();
        }

        return decision;
    }

    /// <summary>The partner is paused: the row waits for the resume (looking again every <see cref="DeliveryOptions.PausedRecheckMinutes"/>), this attempt not counted.</summary>
    internal async Task WaitWhilePausedAsync<T>(OutboxAttempts<T> attempts, T row, int attemptsBefore, CancellationToken cancellationToken)
        where T : OutboxItem
    {
        if (!await attempts.RetryLaterAsync(row, PausedReason, PausedRecheck, cancellationToken, attemptsBefore))
        {
            throw attempts.Busy();
        }
    }

    /// <summary>
    /// The row waits behind another that is still owed (a lead owed before it, a lead a notice is about): until just
    /// after that one's next attempt, this attempt not counted. The row keeps the reason it last failed with, if any.
    /// </summary>
    internal async Task HoldBehindAsync<T>(OutboxAttempts<T> attempts, T row, int attemptsBefore, OutboxItem ahead, DateTimeOffset now, CancellationToken cancellationToken)
        where T : OutboxItem
    {
        ArgumentNullException.ThrowIfNull(ahead);
        // Due later: just after then. Never tried, in flight or just due: look again shortly. Overdue by more than a
        // minute, its message was lost: the sweep sends it again within its age, so waiting less only polls.
        var due = ahead.NextAttemptAt > now ? ahead.NextAttemptAt.Value - now
            : ahead.NextAttemptAt < now.AddMinutes(-1) ? TimeSpan.FromMinutes(options.Value.OutboxSweepAgeMinutes)
            : TimeSpan.Zero;
        var wait = TimeSpan.FromTicks(Math.Min((due + TimeSpan.FromSeconds(options.Value.HeldRecheckSeconds)).Ticks, RetrySchedule.MaxDelay.Ticks));
        if (!await attempts.RetryLaterAsync(row, row.LastError ?? HeldReason, wait, cancellationToken, attemptsBefore))
        {
            throw attempts.Busy();
        }
    }

    /// <summary>Why a held row waits, when it never failed itself.</summary>
    public const string HeldReason = "held-behind-earlier";
}
