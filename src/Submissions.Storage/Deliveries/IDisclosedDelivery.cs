namespace Submissions.Storage.Deliveries;

/// <summary>One delivery a partner received (or may have) about a person: what a notice to that partner names.</summary>
public interface IDisclosedDelivery
{
    string PartnerId { get; }

    string PromotionId { get; }

    /// <summary>Where the delivery's owed row is: the entrant's bucket of the promotion (issue 18), else the promotion's own partition.</summary>
    string DeliveryPartition { get; }

    /// <summary>The delivery's webhook-id, which the partner knows.</summary>
    string DeliveryId { get; }
}
