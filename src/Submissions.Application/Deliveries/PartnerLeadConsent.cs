namespace Submissions.Application.Deliveries;

/// <summary>One consent the delivery rests on, with the receipt that recorded that very answer.</summary>
public sealed record PartnerLeadConsent(string LabelId, int Version, string ReceiptId);
