using System.Text.Json;

namespace Submissions.Storage.Queues;

/// <summary>A queue message that a delivery is owed: ids only, never personal data.</summary>
public sealed record PartnerDeliveryMessage(string PromotionId, string DeliveryId)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PartnerDeliveryMessage? FromJson(string json) => JsonSerializer.Deserialize<PartnerDeliveryMessage>(json, Json);
}
