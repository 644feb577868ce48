namespace Submissions.Storage.Ledger;

/// <summary>
/// One consent answer of the ledger as read: what was answered, where and with which receipt. Its Partition is the one
/// it was recorded in: the person's own key, or a page, poll or promotion id.
/// </summary>
public sealed record ConsentRecord(
    string Partition,
    string? SubjectKey,
    string LabelId,
    int Version,
    string Purpose,
    string? PartnerId,
    string TextSha256,
    bool Granted,
    DateTimeOffset RecordedAt,
    string Form,
    string SubmissionId,
    string ReceiptId)
{
    /// <summary>When the owner of the email confirmed the submission it came with; null when none was needed.</summary>
    public DateTimeOffset? ConfirmedAt { get; init; }

    /// <summary>How they confirmed it; null when no confirmation was needed.</summary>
    public string? ConfirmationMethod { get; init; }

    /// <summary>Its row's key, for an erasure that removes it.</summary>
    internal string Key { get; init; } = string.Empty;

    internal static ConsentRecord From(ConsentRecordEntity row) => new(
        row.PartitionKey, row.SubjectKey, row.LabelId, row.Version, row.Purpose, row.PartnerId, row.TextSha256, row.Granted, row.RecordedAt, row.Form, row.SubmissionId, row.ReceiptId)
    {
        Key = row.RowKey,
        ConfirmedAt = row.ConfirmedAt,
        ConfirmationMethod = row.ConfirmationMethod,
    };
}
