namespace Submissions.Storage.Statistics;

/// <summary>A promotion, its dates, and its deliveries created in the range: per status, per UTC day of creation.</summary>
public sealed record StoredPromotion(
    string PromotionId,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    bool RanInRange,
    IReadOnlyDictionary<string, Dictionary<DateOnly, long>> DeliveriesByStatus);
