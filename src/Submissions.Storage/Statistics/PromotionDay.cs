namespace Submissions.Storage.Statistics;

/// <summary>One promotion on one day: whether it ran (its public dates at the roll-up), its entries, its deliveries by status.</summary>
/// <param name="PromotionId">The promotion.</param>
/// <param name="Running">Open for at least part of the day.</param>
/// <param name="Entries">Its receipts recorded that day: one per entry.</param>
/// <param name="Deliveries">The deliveries its entries of that day owe, per status as it stood at the roll-up.</param>
public sealed record PromotionDay(string PromotionId, bool Running, long Entries, IReadOnlyDictionary<string, long> Deliveries);
