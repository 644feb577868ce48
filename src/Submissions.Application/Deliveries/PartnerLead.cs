namespace Submissions.Application.Deliveries;

/// <summary>
/// The webhook body: ids to prove consent (receipt, label versions and the SHA-256 of each label text, when the owner
/// of the email confirmed), only the allowed field values, and <see cref="WithdrawSharingUrl"/> — the person's sealed
/// one-click link to stop sharing with this partner, for the partner to put in every mail it sends them (it identifies
/// nobody to the partner: each delivery's link is different).
/// </summary>
public sealed record PartnerLead(
    string Type,
    string DeliveryId,
    string PromotionId,
    string ReceiptId,
    IReadOnlyList<PartnerLeadConsent> Consents,
    IReadOnlyDictionary<string, string> Data,
    DateTimeOffset EnteredAt,
    DateTimeOffset? ConfirmedAt,
    Uri WithdrawSharingUrl);
