using System.Text.Json.Serialization;
using Submissions.Storage.Promotions;

namespace Submissions.Storage.Queues;

/// <summary>
/// A queue message that a delivery is owed: ids only, never personal data. <see cref="Partition"/> is where the owed
/// row is — the entrant's bucket of the promotion (issue 18) or, in messages sent before, the promotion id itself — and
/// keeps the JSON name those messages were sent with.
/// </summary>
public sealed record PartnerDeliveryMessage([property: JsonPropertyName("promotionId")] string Partition, string DeliveryId)
{
    public string ToJson() => QueueMessageJson.Serialize(this);

    /// <summary>The message, or null when it is not one this app sends (<see cref="QueueMessageJson.TryParse{T}"/>).</summary>
    public static PartnerDeliveryMessage? FromJson(string json) =>
        QueueMessageJson.TryParse<PartnerDeliveryMessage>(json, message => PromotionPartitions.IsValid(message.Partition) && QueueMessageIds.AreValid(PromotionPartitions.PromotionIdOf(message.Partition), message.DeliveryId));
}
