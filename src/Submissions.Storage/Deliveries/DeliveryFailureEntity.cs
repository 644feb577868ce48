using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Deliveries;

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
