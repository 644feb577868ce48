namespace Submissions.Application.Deliveries;

/// <summary>A failure worth another try later: the queue's retry (visibility timeout, then poison) takes over.</summary>
public sealed class TransientDeliveryException(string message, string reason = "in-progress", Exception? inner = null) : Exception(message, inner)
{
    /// <summary>A short code for the dead letter: "http-503", "timeout", "unreachable".</summary>
    public string Reason { get; } = reason;
}
