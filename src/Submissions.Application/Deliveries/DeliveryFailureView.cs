using Submissions.Storage.Deliveries;

namespace Submissions.Application.Deliveries;

/// <summary>One dead letter. <c>Kind</c> is "delivery" (a lead; DeliveryId is its delivery id) or "notice" (DeliveryId is the notice id, PromotionId empty).</summary>
public sealed record DeliveryFailureView(string DeliveryId, string PromotionId, string PartnerId, string Reason, int Attempts, DateTimeOffset FailedAt, string Kind)
{
    public static DeliveryFailureView From(DeadLetter failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new(failure.Id, failure.PromotionId, failure.PartnerId, failure.Reason, failure.Attempts, failure.FailedAt, failure.Kind);
    }
}
