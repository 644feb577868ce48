namespace Submissions.Application.Deliveries;

public sealed record DeliveryFailuresResponse(string Status, IReadOnlyList<DeliveryFailureView> Deliveries, string? ContinuationToken);
