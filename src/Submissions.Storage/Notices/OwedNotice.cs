using Submissions.Storage.Outbox;

namespace Submissions.Storage.Notices;

/// <summary>A withdrawal or erasure notice owed (or sent) to one partner, as the notice processor reads it.</summary>
public sealed class OwedNotice : OutboxItem
{
    /// <summary>A stored notice row; tests build one to see what its payload would be.</summary>
    public OwedNotice(NoticeEntity row)
        : base(row) => Entity = row;

    public string PartnerId => Entity.PartitionKey;

    /// <summary>The notice's webhook-id, stable across retries.</summary>
    public string NoticeId => Entity.RowKey;

    /// <summary><see cref="NoticeType"/>.</summary>
    public string Type => Entity.Type;

    /// <summary>When the person's withdrawal or erasure took effect.</summary>
    public DateTimeOffset OccurredAt => Entity.OccurredAt;

    /// <summary>The deliveries (webhook-ids) the partner received about the person.</summary>
    public IReadOnlyList<string> DeliveryIds => Entity.DeliveryIdList;

    /// <summary>
    /// Where those deliveries' owed rows are. The notice is held while any of them is still owed, so it never overtakes
    /// a lead it is about. Empty on notices written before it was recorded.
    /// </summary>
    public IEnumerable<(string Partition, string DeliveryId)> Deliveries => Entity.DeliveryRowList;

    /// <summary>For a withdrawal: comma-joined "labelId:version" of the consents withdrawn.</summary>
    public string Labels => Entity.Labels;

    public string? PayloadSha256 { get => Entity.PayloadSha256; set => Entity.PayloadSha256 = value; }

    internal NoticeEntity Entity { get; }
}
