namespace Submissions.Storage.Deliveries;

/// <summary>
/// One disclosure as read: what one partner received (or may have) about one person in one delivery.
/// <see cref="FieldNames"/> and <see cref="Consents"/> are comma-joined as stored ("labelId:version:receiptId" each).
/// </summary>
public sealed record StoredDisclosure(
    string DeliveryId,
    string PartnerId,
    string PromotionId,
    string FieldNames,
    string Consents,
    string ReceiptId,
    string WebhookId,
    string PayloadSha256,
    int Attempts,
    string Outcome,
    DateTimeOffset DisclosedAt,
    string DeliveryPartition) : IDisclosedDelivery
{
    internal static StoredDisclosure From(DisclosureEntity row) => new(
        row.RowKey, row.PartnerId, row.PromotionId, row.FieldNames, row.Consents, row.ReceiptId, row.WebhookId, row.PayloadSha256, row.Attempts, row.Outcome, row.DisclosedAt,
        row.OwedPartition ?? row.PromotionId);
}
