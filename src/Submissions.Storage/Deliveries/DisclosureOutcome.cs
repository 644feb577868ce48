namespace Submissions.Storage.Deliveries;

/// <summary>What became of one disclosure, as stored in its Outcome column.</summary>
public static class DisclosureOutcome
{
    /// <summary>From just before a delivery's checks until the partner's answer (or after timeouts).</summary>
    public const string Pending = "pending";

    /// <summary>The partner accepted it (2xx).</summary>
    public const string Delivered = "delivered";

    /// <summary>
    /// The delivery ended without the partner's acceptance after a request carrying the body had started: the partner
    /// may hold the data, so it counts as disclosed — shown to the person, told of withdrawals and erasure.
    /// </summary>
    public const string PossiblyDelivered = "possibly-delivered";
}
