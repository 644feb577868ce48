namespace Submissions.Application.Deliveries;

/// <summary>The webhook body: ids to prove consent (receipt, label versions and text hashes, when the owner of the email confirmed) and only the allowed field values.</summary>
public sealed record PartnerLead(
    string Type,
    string DeliveryId,
    string PromotionId,
    string ReceiptId,
    IReadOnlyList<PartnerLeadConsent> Consents,
    IReadOnlyDictionary<string, string> Data,
    DateTimeOffset EnteredAt,
    DateTimeOffset? ConfirmedAt);
