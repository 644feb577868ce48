namespace Submissions.Application.Deliveries;

/// <summary>The verdict on a delivery: the lead to send, or why it is stopped (no dead letter) or refused (a dead letter).</summary>
internal sealed record LeadCheck(CheckedLead? Lead, DeliveryStop? Stop, string? Refusal)
{
    public static LeadCheck Send(CheckedLead lead) => new(lead, null, null);

    public static LeadCheck Stopped(DeliveryStop stop) => new(null, stop, null);

    public static LeadCheck Refused(string reason) => new(null, null, reason);
}
