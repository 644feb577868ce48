using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Storage;
using Submissions.Storage.Partners;

namespace Submissions.Application.Deliveries;

/// <summary>
/// The circuit breaker of each partner's webhook, shared by leads and notices: every failed attempt is counted on the
/// partner's health row; once it has failed <see cref="DeliveryOptions.PauseAfterFailures"/> attempts in a row over at
/// least <see cref="DeliveryOptions.PauseAfterFailingMinutes"/>, deliveries to it pause — they wait, their retries
/// unspent, instead of running into dead letters — until an admin resumes it. A success ends the run of failures.
/// </summary>
public sealed partial class PartnerBreaker(
    PartnerStore partners, RetrySchedule schedule, IOptions<DeliveryOptions> options, TimeProvider time, ILogger<PartnerBreaker> logger)
{
    /// <summary>
    /// Counts a failed attempt; the partner's health after it (paused when this failure opened the breaker). Best
    /// effort: when the health row cannot be written (storage failing, or too many instances writing it at once) the
    /// failure goes uncounted — logged — rather than costing the row its scheduled retry.
    /// </summary>
    public async Task<PartnerHealth> RecordFailureAsync(string partnerId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        PartnerHealth before, after;
        try
        {
            (before, after) = await partners.ChangeHealthAsync(partnerId, health => Failed(health, now), cancellationToken);
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            LogUncounted(logger, partnerId);
            return PartnerHealth.Healthy;
        }

        if (!before.IsPaused && after.IsPaused)
        {
            LogPaused(logger, partnerId, after.Failures, (now - after.FailingSince!.Value).TotalMinutes);
        }

        return after;
    }

    /// <summary>
    /// An accepted lead or notice ends the run of failures (and a probation) its partner's health, as read for it,
    /// shows; nothing is written otherwise. Best effort, like counting a failure: the delivery is already done.
    /// </summary>
    public async Task RecordSuccessAsync(StoredPartner partner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partner);
        if (partner.Health.Failures == 0 && !partner.Health.OnProbation)
        {
            return;
        }

        try
        {
            await partners.ChangeHealthAsync(
                partner.PartnerId, health => health.IsPaused ? health : health with { Failures = 0, FailingSince = null, OnProbation = false }, cancellationToken);
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            LogUncounted(logger, partner.PartnerId);
        }
    }

    /// <summary>
    /// Keeps each person's order checked for a whole schedule from now (see <see cref="MayHaveLeadsWaiting"/>): before
    /// an admin owes failed leads again at once.
    /// </summary>
    public Task KeepOrderCheckedAsync(string partnerId, CancellationToken cancellationToken) =>
        partners.ChangeHealthAsync(partnerId, health => health with { LastFailureAt = time.GetUtcNow() }, cancellationToken);

    /// <summary>An admin's resume: the breaker closes and the run of failures starts over. Whether it was paused.</summary>
    public async Task<bool> ResumeAsync(string partnerId, CancellationToken cancellationToken)
    {
        // Half-open: until a lead or notice is accepted, the next failure pauses again — leads that spent most of their
        // attempts before the pause wait once more instead of running into dead letters. LastFailureAt moves to now:
        // what the resume sends goes out checked for each person's order (MayHaveLeadsWaiting).
        var now = time.GetUtcNow();
        var (before, _) = await partners.ChangeHealthAsync(
            partnerId, health => health.IsPaused ? new PartnerHealth(0, null, now, null, OnProbation: true) : health with { Failures = 0, FailingSince = null }, cancellationToken);
        if (before.IsPaused)
        {
            LogResumed(logger, partnerId);
        }

        return before.IsPaused;
    }

    /// <summary>
    /// Whether a lead to this partner must check it overtakes no earlier lead of the same person: while the partner is
    /// paused, and until a whole retry schedule (and an hour) has passed since its last failure — only then can an
    /// earlier lead still be waiting for a retry. A healthy partner's leads go out in order on their own.
    /// </summary>
    public bool MayHaveLeadsWaiting(StoredPartner partner)
    {
        ArgumentNullException.ThrowIfNull(partner);
        return partner.Health.IsPaused || partner.Health.LastFailureAt > time.GetUtcNow() - schedule.Span - TimeSpan.FromHours(1);
    }

    private PartnerHealth Failed(PartnerHealth health, DateTimeOffset now)
    {
        var failingSince = health.FailingSince ?? now;
        var failures = health.Failures + 1;
        var pause = health.PausedAt
            ?? (health.OnProbation || (failures >= options.Value.PauseAfterFailures && now - failingSince >= TimeSpan.FromMinutes(options.Value.PauseAfterFailingMinutes)) ? now : null);
        return new PartnerHealth(failures, failingSince, now, pause, health.OnProbation && pause is null);
    }

    [LoggerMessage(EventId = 2110, Level = LogLevel.Warning, Message = "Partner {PartnerId} paused after {Failures} failed attempts in a row over {Minutes:0} minutes; an admin resumes it")]
    private static partial void LogPaused(ILogger logger, string partnerId, int failures, double minutes);

    [LoggerMessage(EventId = 2115, Level = LogLevel.Warning, Message = "An attempt's outcome at partner {PartnerId} went uncounted: its health row could not be written")]
    private static partial void LogUncounted(ILogger logger, string partnerId);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Information, Message = "Partner {PartnerId} resumed by an admin")]
    private static partial void LogResumed(ILogger logger, string partnerId);
}
