using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Deliveries;

/// <summary>
/// One disclosure: what one partner received about one person in one delivery. PartitionKey = subject key, so the
/// partners a person's data went to are one partition query; RowKey = delivery id, so recording it twice is harmless.
/// </summary>
public sealed class DisclosureEntity : ITableEntity, IDisclosedDelivery
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string PartnerId { get; set; } = string.Empty;
    public string PromotionId { get; set; } = string.Empty;

    /// <summary>The partition of the delivery's owed row (issue 18: the entrant's bucket); null on rows written before, where it is <see cref="PromotionId"/>.</summary>
    public string? OwedPartition { get; set; }
    public string FieldNames { get; set; } = string.Empty;
    public string ReceiptId { get; set; } = string.Empty;

    /// <summary>
    /// The consents the disclosure rested on — comma-joined "labelId:version:receiptId"; each version's exact text is in
    /// the catalog forever — so the proof outlives the entry and its ledger rows when retention removes them.
    /// </summary>
    public string Consents { get; set; } = string.Empty;

    public string PayloadSha256 { get; set; } = string.Empty;
    public string WebhookId { get; set; } = string.Empty;
    public int Attempts { get; set; }
    public string Outcome { get; set; } = string.Empty;
    public DateTimeOffset DisclosedAt { get; set; }

    /// <summary>Explicit, so it is no column: the delivery id is the RowKey.</summary>
    string IDisclosedDelivery.DeliveryId => RowKey;

    /// <summary>Explicit, so it is no column: <see cref="OwedPartition"/> or, before issue 18, the promotion id.</summary>
    string IDisclosedDelivery.DeliveryPartition => OwedPartition ?? PromotionId;
}
