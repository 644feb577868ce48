namespace Submissions.Application.Subjects;

/// <summary>
/// One disclosure. <see cref="Outcome"/>: "delivered" (the partner accepted it), "possibly-delivered" (a request carrying
/// it started but the partner never accepted it: it may hold the data all the same), or "pending" (being delivered).
/// </summary>
public sealed record DisclosureRecord(
    string DeliveryId,
    string PartnerId,
    string PromotionId,
    IReadOnlyList<string> FieldNames,
    string ReceiptId,
    IReadOnlyList<DisclosedConsent> Consents,
    string PayloadSha256,
    DateTimeOffset DisclosedAt,
    string Outcome);
