using System.Text.Json;
using Submissions.Storage.Forms;

namespace Submissions.Application.Subjects;

/// <summary>A promotion entry in its entrant's access bundle, with every field they gave.</summary>
public sealed record PromotionEntryRecord(
    string PromotionId,
    string? EntryId,
    string? Email,
    string? Name,
    IReadOnlyDictionary<string, string?> Fields,
    bool SharingGranted,
    string? DeliveryId,
    DateTimeOffset? CreatedAt,
    string? ReceiptId)
{
    public static PromotionEntryRecord From(StoredRecord row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(
            row.Partition,
            row.GetString("EntryId"),
            row.GetString("Email"),
            row.GetString("Name"),
            JsonSerializer.Deserialize<Dictionary<string, string?>>(row.GetString("FieldsJson") ?? "{}") ?? [],
            row.GetBoolean("SharingGranted") ?? false,
            row.DeliveryId,
            row.CreatedAt,
            row.ReceiptId);
    }
}
