namespace Submissions.Application.Deliveries;

/// <summary>One consent the delivery rests on, with the receipt that recorded that very answer and the SHA-256 of the exact label text.</summary>
public sealed record PartnerLeadConsent(string LabelId, int Version, string ReceiptId, string TextSha256);
