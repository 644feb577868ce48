namespace Submissions.Application.Deliveries;

/// <summary>What became of a lead or notice after a transient failure.</summary>
internal enum RetryDecision
{
    /// <summary>Its next attempt is scheduled by a delayed queue message.</summary>
    Scheduled,

    /// <summary>Its partner is paused: it waits, its retries unspent, for an admin's resume.</summary>
    Paused,

    /// <summary>That was its last attempt: the caller fails it (a dead letter).</summary>
    Exhausted,
}
