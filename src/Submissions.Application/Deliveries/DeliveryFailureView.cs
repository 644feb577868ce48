using Submissions.Storage.Deliveries;
using Submissions.Storage.Promotions;

namespace Submissions.Application.Deliveries;

/// <summary>One dead letter. <c>Kind</c> is "delivery" (a lead; DeliveryId is its delivery id) or "notice" (DeliveryId is the notice id, PromotionId empty).</summary>
public sealed record DeliveryFailureView(string DeliveryId, string PromotionId, string PartnerId, string Reason, int Attempts, DateTimeOffset FailedAt, string Kind)
{
    public static DeliveryFailureView From(DeadLetter failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        // A lead's dead letter names its owed row's partition (a bucket since issue 18): admins see the promotion.
        return new(failure.Id, PromotionPartitions.PromotionIdOf(failure.PromotionId), failure.PartnerId, failure.Reason, failure.Attempts, failure.FailedAt, failure.Kind);
    }
}
