namespace Submissions.Application.Statistics;

/// <summary>One promotion's published counts: entries, entries not shared, deliveries by status.</summary>
public sealed record PromotionStatisticsView(string PromotionId, CountView Entries, CountView NotShared, IReadOnlyDictionary<string, CountView> Deliveries);
