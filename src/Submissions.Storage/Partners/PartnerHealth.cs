namespace Submissions.Storage.Partners;

/// <summary>
/// How a partner's webhook has been answering: failed attempts in a row (leads and notices alike), since when, the last
/// failure, and whether deliveries to it are paused (the circuit breaker: open until an admin resumes it).
/// </summary>
/// <param name="Failures">Failed attempts since the last success.</param>
/// <param name="FailingSince">When the first of those failed; null while the partner answers.</param>
/// <param name="LastFailureAt">The latest failed attempt, kept after a success: order checks stay on for a while after an outage.</param>
/// <param name="PausedAt">When the breaker opened; null while deliveries flow.</param>
/// <param name="OnProbation">Resumed by an admin and not yet answered 2xx since (half-open): the next failure pauses again.</param>
[System.ComponentModel.ImmutableObject(true)]
public sealed record PartnerHealth(int Failures, DateTimeOffset? FailingSince, DateTimeOffset? LastFailureAt, DateTimeOffset? PausedAt, bool OnProbation = false)
{
    /// <summary>A partner with no failure on record.</summary>
    public static PartnerHealth Healthy { get; } = new(0, null, null, null);

    public bool IsPaused => PausedAt is not null;
}
