namespace Submissions.Application.Subjects;

/// <summary>
/// One consent answer in the person's access bundle, with the exact text of the label version answered, and when and
/// how the owner of the email confirmed it (null for answers that needed no confirmation).
/// </summary>
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
    string ReceiptId,
    DateTimeOffset? ConfirmedAt,
    string? ConfirmationMethod);
