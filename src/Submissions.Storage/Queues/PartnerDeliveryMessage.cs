namespace Submissions.Storage.Queues;

/// <summary>A queue message that a delivery is owed: ids only, never personal data.</summary>
public sealed record PartnerDeliveryMessage(string PromotionId, string DeliveryId)
{
    public string ToJson() => QueueMessageJson.Serialize(this);

    /// <summary>The message, or null when it is not one this app sends (<see cref="QueueMessageJson.TryParse{T}"/>).</summary>
    public static PartnerDeliveryMessage? FromJson(string json) =>
        QueueMessageJson.TryParse<PartnerDeliveryMessage>(json, message => QueueMessageIds.AreValid(message.PromotionId, message.DeliveryId));
}
