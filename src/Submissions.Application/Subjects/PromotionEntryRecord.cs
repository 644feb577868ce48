using System.Text.Json;
using Submissions.Storage.Forms;
using Submissions.Storage.Promotions;

namespace Submissions.Application.Subjects;

/// <summary>
/// A promotion entry in its entrant's access bundle, with every field they gave: <c>confirmed</c> (with when), or
/// <c>awaiting-confirmation</c> — a pending entry, shown with what it holds.
/// </summary>
public sealed record PromotionEntryRecord(
    string PromotionId,
    string? EntryId,
    string? Email,
    string? Name,
    IReadOnlyDictionary<string, string?> Fields,
    bool SharingGranted,
    string? DeliveryId,
    DateTimeOffset? CreatedAt,
    string? ReceiptId,
    string Status,
    DateTimeOffset? ConfirmedAt)
{
    public static PromotionEntryRecord From(StoredRecord row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var pending = row.GetString("EntryId") is null;
        return new(
            PromotionPartitions.PromotionIdOf(row.Partition),
            row.GetString("EntryId") ?? row.GetString("SubmissionId"),
            row.GetString("Email"),
            row.GetString("Name"),
            JsonSerializer.Deserialize<Dictionary<string, string?>>(row.GetString("FieldsJson") ?? row.GetString("DataJson") ?? "{}") ?? [],
            row.GetBoolean("SharingGranted") ?? row.GetString("PlannedDeliveryId") is not null,
            row.DeliveryId,
            row.CreatedAt,
            row.ReceiptId,
            pending ? "awaiting-confirmation" : "confirmed",
            row.GetDateTimeOffset("ConfirmedAt"));
    }
}
