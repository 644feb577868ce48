namespace Submissions.Storage.Statistics;

/// <summary>
/// The raw counts of one finished UTC day, frozen once by the daily roll-up: what GET manage/stats publishes from, after
/// suppression. Counts and ids of polls, promotions and labels only — nothing that names a person or a record.
/// </summary>
/// <param name="Day">The UTC day.</param>
/// <param name="Receipts">Receipts recorded that day per form (withdrawals included), zero forms left out.</param>
/// <param name="Polls">Each poll that could take votes that day or took one, with its votes per option.</param>
/// <param name="Promotions">Each promotion that ran that day or took an entry, with its entries and deliveries.</param>
/// <param name="Labels">Each label answered that day on a form: granted, declined and on which forms.</param>
/// <param name="RolledUpAt">When the roll-up was written.</param>
public sealed record DayRollUp(
    DateOnly Day,
    IReadOnlyDictionary<string, long> Receipts,
    IReadOnlyList<PollDay> Polls,
    IReadOnlyList<PromotionDay> Promotions,
    IReadOnlyList<LabelDay> Labels,
    DateTimeOffset RolledUpAt);
