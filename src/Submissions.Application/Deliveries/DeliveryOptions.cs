namespace Submissions.Application.Deliveries;

/// <summary>Bound from "Delivery".</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    /// <summary>One POST to a partner may take this long before it counts as a transient failure.</summary>
    public double AttemptTimeoutSeconds { get; set; } = 10;

    /// <summary>In-process retries of a transient failure before the queue's own retry takes over.</summary>
    public int MaxRetries { get; set; } = 2;

    public int RetryBaseDelayMilliseconds { get; set; } = 500;

    /// <summary>The longest wait between attempts, Retry-After included: a partner cannot make one invocation wait longer.</summary>
    public double MaxRetryDelaySeconds { get; set; } = 5;

    /// <summary>One delivery's POST with all its retries; the lease on the delivery is a little longer.</summary>
    public double TotalTimeoutSeconds { get; set; } = 45;

    /// <summary>
    /// The waits before each retry of a lead or notice after a transient failure (5xx, 408, 429, timeout, no
    /// connection), as comma-separated TimeSpans: Svix's schedule after its immediate tries (which are this app's
    /// in-process retries), about 27.6 hours in all. Each wait is a delayed queue message, never a sleeping process.
    /// </summary>
    public string RetrySchedule { get; set; } = "00:00:05, 00:05:00, 00:30:00, 02:00:00, 05:00:00, 10:00:00, 10:00:00";

    /// <summary>The breaker opens (deliveries to the partner pause) once it has failed this many attempts in a row…</summary>
    public int PauseAfterFailures { get; set; } = 10;

    /// <summary>…over at least this long: a night's outage is retried through, a partner failing for good is paused.</summary>
    public double PauseAfterFailingMinutes { get; set; } = 720;

    /// <summary>How often a paused partner's waiting leads and notices look again whether an admin resumed it.</summary>
    public double PausedRecheckMinutes { get; set; } = 60;

    /// <summary>How long after an earlier lead's next attempt a lead held behind it looks again.</summary>
    public double HeldRecheckSeconds { get; set; } = 5;

    /// <summary>How long a delivery may stay owed before the outbox sweep sends its queue message again.</summary>
    public double OutboxSweepAgeMinutes { get; set; } = 10;

    /// <summary>
    /// Whether webhook URLs may use http and resolve to private, loopback or link-local addresses. Defaults to on in
    /// Development only (the reference receiver runs on loopback); elsewhere it blocks SSRF into the private network.
    /// </summary>
    public bool? AllowPrivateDestinations { get; set; }
}
