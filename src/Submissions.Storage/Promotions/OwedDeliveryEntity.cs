using Azure;
using Submissions.Storage.Outbox;

namespace Submissions.Storage.Promotions;

/// <summary>
/// The outbox: a delivery owed to the partner, written in the same transaction as the entry it comes from, so no crash
/// can leave an entry whose granted sharing is never delivered. The delivery function completes it; a sweep re-sends
/// the queue message for any left owed too long.
/// </summary>
public sealed class OwedDeliveryEntity : IOutboxRow
{
    public const string RowKeyPrefix = "delivery~";
    public const string Owed = OutboxStatus.Owed;
    public const string Delivered = OutboxStatus.Delivered;
    public const string Withdrawn = OutboxStatus.Withdrawn;
    public const string Failed = OutboxStatus.Failed;

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string DeliveryId { get; set; } = string.Empty;

    /// <summary>The promotion (issue 18): the partition is the entrant's bucket. Null on rows written before, whose partition is the promotion id.</summary>
    public string? PromotionId { get; set; }

    public string PartnerId { get; set; } = string.Empty;
    public string EntryRowKey { get; set; } = string.Empty;
    public string SubjectKey { get; set; } = string.Empty;
    public string ReceiptId { get; set; } = string.Empty;
    public string Status { get; set; } = Owed;
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>While set and in the future, one invocation is delivering it and others leave it alone.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>When the sweep or an admin last sent its queue message again.</summary>
    public DateTimeOffset? LastSentAt { get; set; }

    /// <summary>When its next attempt is due: its queue message is delayed until then, and the sweep leaves it alone.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Processing attempts so far (queue deliveries of its message).</summary>
    public int Attempts { get; set; }

    /// <summary>
    /// When the first request carrying the body was about to start, written before it starts. From then on the partner
    /// may hold the data whatever any attempt's answer was (a timeout, a 5xx, a later 400): the disclosure stands, as
    /// possibly delivered, and withdrawals and erasures tell the partner. Null: no body ever left this process — or the
    /// one request that ever started was refused by the destination guard before it connected: nothing reached the partner.
    /// </summary>
    public DateTimeOffset? FirstPostedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Comma-joined names of the fields sent (or, before the partner accepted, about to be sent); never their values.</summary>
    public string? FieldNames { get; set; }

    /// <summary>The consents the delivery rested on: comma-joined "labelId:version:receiptId".</summary>
    public string? Consents { get; set; }

    public string? PayloadSha256 { get; set; }

    /// <summary>Why it failed or was skipped: a status code or a reason word, never partner response content.</summary>
    public string? LastError { get; set; }

    public static string RowKeyFor(string deliveryId) => RowKeyPrefix + deliveryId;
}
