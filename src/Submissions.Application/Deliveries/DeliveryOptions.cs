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

    /// <summary>How long a delivery may stay owed before the outbox sweep sends its queue message again.</summary>
    public double OutboxSweepAgeMinutes { get; set; } = 10;

    /// <summary>
    /// Whether webhook URLs may use http and resolve to private, loopback or link-local addresses. Defaults to on in
    /// Development only (the reference receiver runs on loopback); elsewhere it blocks SSRF into the private network.
    /// </summary>
    public bool? AllowPrivateDestinations { get; set; }
}
