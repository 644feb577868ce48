namespace Submissions.Storage.Exports;

/// <summary>One promotion entry as the entries export reads it; <see cref="SubjectKey"/> finds its sharing records, and is not exported.</summary>
public sealed record PromotionEntryExportRow(
    string EntryId, string PromotionId, string SubjectKey, DateTimeOffset CreatedAt, string Email, string Name, string FieldsJson, bool SharingGranted, string ReceiptId)
{
    // It holds a person's values: printed (by a log, an exception, a debugger display) it shows none of them.
    public override string ToString() => nameof(PromotionEntryExportRow);
}
