using System.Runtime.Serialization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Submissions.Domain.Promotions;

namespace Submissions.Storage.Promotions;

/// <summary>The promotion itself: RowKey "promotion".</summary>
public sealed class PromotionEntity : ITableEntity
{
    public const string PromotionRowKey = "promotion";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = PromotionRowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Title { get; set; } = string.Empty;
    public string PartnerId { get; set; } = string.Empty;

    /// <summary>Comma-joined ids of the partner-sharing labels entrants answer.</summary>
    public string SharingLabels { get; set; } = string.Empty;

    public bool RequiresSharing { get; set; }
    public string FieldsJson { get; set; } = "[]";
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// True for a promotion created since issue 18, whose entries have only ever been stored in its buckets. Unset on
    /// one created before: it may hold entries in its own partition, which a confirmation also checks.
    /// </summary>
    public bool? EntriesInBuckets { get; set; }

    [IgnoreDataMember]
    public IReadOnlyList<string> SharingLabelIds => SharingLabels.Length == 0 ? [] : SharingLabels.Split(',');

    [IgnoreDataMember]
    public IReadOnlyList<PromotionField> Fields
    {
        get => JsonSerializer.Deserialize<List<PromotionField>>(FieldsJson, JsonOptions) ?? [];
        set => FieldsJson = JsonSerializer.Serialize(value, JsonOptions);
    }

    private static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);
}
