namespace Submissions.Storage.Exports;

/// <summary>
/// One promotion entry as the entries export reads it; <see cref="Partition"/> (its bucket, or before issue 18 the
/// promotion's partition) and <see cref="SubjectKey"/> find its sharing records, and neither is exported.
/// </summary>
public sealed record PromotionEntryExportRow(
    string EntryId, string PromotionId, string SubjectKey, DateTimeOffset CreatedAt, string Email, string Name, string FieldsJson, bool SharingGranted, string ReceiptId, string Partition)
{
    // It holds a person's values: printed (by a log, an exception, a debugger display) it shows none of them.
    public override string ToString() => nameof(PromotionEntryExportRow);
}
