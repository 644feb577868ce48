using System.Runtime.Serialization;
using Azure;
using Submissions.Storage.Outbox;

namespace Submissions.Storage.Notices;

/// <summary>
/// A notice owed to one partner about data it received: consent.withdrawn or subject.erased. PartitionKey = partner id,
/// RowKey = notice id (the notice's webhook-id, stable across retries). It names the deliveries the partner received —
/// their webhook-ids, which the partner knows — and never a personal value or the subject key, so it outlives an
/// erasure as the proof that recipients were told (GDPR Art. 19).
/// </summary>
public sealed class NoticeEntity : IOutboxRow
{
    public const string ConsentWithdrawn = NoticeType.ConsentWithdrawn;
    public const string SubjectErased = NoticeType.SubjectErased;

    public const string Owed = OutboxStatus.Owed;
    public const string Delivered = OutboxStatus.Delivered;
    public const string Failed = OutboxStatus.Failed;

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string NoticeId { get; set; } = string.Empty;
    public string PartnerId { get; set; } = string.Empty;

    /// <summary><see cref="ConsentWithdrawn"/> or <see cref="SubjectErased"/>.</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>Comma-joined ids of the deliveries (webhook-ids) this partner received about the person.</summary>
    public string DeliveryIds { get; set; } = string.Empty;

    /// <summary>
    /// Where those deliveries' owed rows are: comma-joined "promotionId/deliveryId". The notice is held while any of
    /// them is still owed, so it never overtakes a lead it is about. Empty on notices written before it existed.
    /// </summary>
    public string DeliveryRows { get; set; } = string.Empty;

    /// <summary>For a withdrawal: comma-joined "labelId:version" of the consents withdrawn.</summary>
    public string Labels { get; set; } = string.Empty;

    public string Status { get; set; } = Owed;
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the person's withdrawal or erasure took effect.</summary>
    public DateTimeOffset OccurredAt { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }
    public DateTimeOffset? LastSentAt { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? PayloadSha256 { get; set; }
    public string? LastError { get; set; }

    [IgnoreDataMember]
    public IReadOnlyList<string> DeliveryIdList => DeliveryIds.Length == 0 ? [] : DeliveryIds.Split(',');

    /// <summary><see cref="DeliveryRows"/> as (owed row's partition, delivery id) pairs.</summary>
    [IgnoreDataMember]
    public IEnumerable<(string Partition, string DeliveryId)> DeliveryRowList =>
        DeliveryRows.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(row => row.Split('/')).Where(parts => parts.Length == 2).Select(parts => (parts[0], parts[1]));
}
