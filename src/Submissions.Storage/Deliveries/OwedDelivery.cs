using Submissions.Storage.Outbox;
using Submissions.Storage.Promotions;

namespace Submissions.Storage.Deliveries;

/// <summary>A lead delivery owed to a partner (its outbox row), as delivery, withdrawal and erasure read it.</summary>
public sealed class OwedDelivery : OutboxItem
{
    internal OwedDelivery(OwedDeliveryEntity row)
        : base(row) => Entity = row;

    /// <summary>The promotion the delivery is for.</summary>
    public string PromotionId => Entity.PromotionId ?? Entity.PartitionKey;

    /// <summary>Where its owed row, entry, receipt and ledger rows are: the entrant's bucket of the promotion (or, before issue 18, the promotion's own partition).</summary>
    public string Partition => Entity.PartitionKey;

    public string DeliveryId => Entity.DeliveryId;

    public string PartnerId => Entity.PartnerId;

    public string SubjectKey => Entity.SubjectKey;

    /// <summary>The receipt of the submission the delivery comes from.</summary>
    public string ReceiptId => Entity.ReceiptId;

    /// <summary>
    /// When the first request carrying the body was about to start, written before it starts: from then on the partner
    /// may hold the data whatever any attempt's answer was. Null: no body ever left (or its one request never connected).
    /// </summary>
    public DateTimeOffset? FirstPostedAt { get => Entity.FirstPostedAt; set => Entity.FirstPostedAt = value; }

    /// <summary>Comma-joined names of the fields sent (or about to be); never their values.</summary>
    public string? FieldNames { get => Entity.FieldNames; set => Entity.FieldNames = value; }

    /// <summary>The consents the delivery rested on: comma-joined "labelId:version:receiptId".</summary>
    public string? Consents { get => Entity.Consents; set => Entity.Consents = value; }

    public string? PayloadSha256 { get => Entity.PayloadSha256; set => Entity.PayloadSha256 = value; }

    internal OwedDeliveryEntity Entity { get; }
}
