namespace Submissions.Application.Subjects;

/// <summary>
/// Everything stored about one person, as one machine-readable document (GDPR Art. 15 and 20): their registration,
/// comments, votes and promotion entries, their full consent history with the exact text of each label they answered,
/// and every disclosure of their data to a partner.
/// </summary>
public sealed record AccessBundle(
    DateTimeOffset GeneratedAt,
    string Email,
    RegistrationRecord? Registration,
    IReadOnlyList<CommentRecord> Comments,
    IReadOnlyList<VoteRecord> Votes,
    IReadOnlyList<PromotionEntryRecord> PromotionEntries,
    IReadOnlyList<ConsentHistoryRecord> Consents,
    IReadOnlyList<DisclosureRecord> Disclosures,
    DateTimeOffset? LastErasedAt);

public sealed record RegistrationRecord(
    string MemberId,
    string? Email,
    string? DisplayName,
    string? Language,
    string? Country,
    string? AgeRange,
    string? Gender,
    DateTimeOffset? RegisteredAt,
    DateTimeOffset? UpdatedAt,
    int RegistrationCount);

public sealed record CommentRecord(
    string CommentId,
    string PageId,
    string? DisplayName,
    bool NameShown,
    string? Text,
    string? Status,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? ModeratedAt,
    string? ReceiptId);

public sealed record VoteRecord(string PollId, string? VoteId, string? OptionId, DateTimeOffset? CreatedAt, string? ReceiptId);

public sealed record PromotionEntryRecord(
    string PromotionId,
    string? EntryId,
    string? Email,
    string? Name,
    IReadOnlyDictionary<string, string?> Fields,
    bool SharingGranted,
    string? DeliveryId,
    DateTimeOffset? CreatedAt,
    string? ReceiptId);

public sealed record ConsentHistoryRecord(
    string LabelId,
    int Version,
    string Purpose,
    string? PartnerId,
    string? Text,
    string TextSha256,
    bool Granted,
    DateTimeOffset RecordedAt,
    string Form,
    string SubmissionId,
    string ReceiptId);

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

/// <summary>A consent a disclosure rested on: the label version (its text is in the catalog) and the receipt that recorded it.</summary>
public sealed record DisclosedConsent(string LabelId, int Version, string ReceiptId);
