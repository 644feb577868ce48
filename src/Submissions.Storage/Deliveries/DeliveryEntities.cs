using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Deliveries;

/// <summary>
/// One disclosure: what one partner received about one person in one delivery. PartitionKey = subject key, so the
/// partners a person's data went to are one partition query; RowKey = delivery id, so recording it twice is harmless.
/// </summary>
public sealed class DisclosureEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string PartnerId { get; set; } = string.Empty;
    public string PromotionId { get; set; } = string.Empty;
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

    /// <summary>The outcome from just before a delivery's checks until the partner's answer (or after timeouts).</summary>
    public const string Pending = "pending";

    /// <summary>The partner accepted it (2xx).</summary>
    public const string Delivered = "delivered";

    /// <summary>
    /// The delivery ended without the partner's acceptance (stopped, failed for good) after a request carrying the body
    /// had started: the partner may hold the data, so it counts as disclosed — shown to the person, told of withdrawals
    /// and erasure.
    /// </summary>
    public const string PossiblyDelivered = "possibly-delivered";
}

/// <summary>
/// A dead letter: a delivery or a notice that failed for good, for admins to see and retry. Ids and reasons only. Both
/// kinds share one table and one key space (RowKey = delivery id or notice id), so one admin list and one retry route
/// serve both.
/// </summary>
public sealed class DeliveryFailureEntity : ITableEntity
{
    public const string FailedPartition = "failed";

    /// <summary>A lead delivery (RowKey = delivery id, PromotionId set); rows written before kinds existed read as this.</summary>
    public const string DeliveryKind = "delivery";

    /// <summary>A withdrawal or erasure notice (RowKey = notice id, PromotionId empty).</summary>
    public const string NoticeKind = "notice";

    public string PartitionKey { get; set; } = FailedPartition;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = DeliveryKind;
    public string PromotionId { get; set; } = string.Empty;
    public string PartnerId { get; set; } = string.Empty;
    public string Reason { get; set; } = string.Empty;
    public int Attempts { get; set; }
    public DateTimeOffset FailedAt { get; set; }
}
