namespace Submissions.Domain.Statistics;

/// <summary>Entries in the range; of those, the ones that did not share, and the deliveries by status.</summary>
public sealed record PromotionTotals(string PromotionId, long? Entries, long? NotShared, IReadOnlyDictionary<string, long?> Deliveries);
