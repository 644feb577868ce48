using System.Text.Json;

namespace Submissions.Storage.Queues;

/// <summary>A queue message that a delivery is owed: ids only, never personal data.</summary>
public sealed record PartnerDeliveryMessage(string PromotionId, string DeliveryId)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The message, or null when it is not one this app sends: not JSON, or without usable ids (<see cref="QueueMessageIds"/>).</summary>
    public static PartnerDeliveryMessage? FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<PartnerDeliveryMessage>(json, Json) is { } message && QueueMessageIds.AreValid(message.PromotionId, message.DeliveryId)
                ? message
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
