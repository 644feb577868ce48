namespace Submissions.Domain.Statistics;

/// <summary>Statistics as published: every null count is suppressed, and no suppressed count is derivable.</summary>
public sealed record StatisticsReport(
    DateOnly From,
    DateOnly To,
    int MinimumCount,
    IReadOnlyList<DailySeries> Submissions,
    DailySeries Withdrawals,
    IReadOnlyList<PollTotals> Polls,
    IReadOnlyList<PromotionTotals> Promotions,
    IReadOnlyList<ConsentRate> Consents);

/// <summary>One count per UTC day of the range (zero days included), and the range total.</summary>
public sealed record DailySeries(string Name, IReadOnlyList<DayCount> Days, long? Total);

public sealed record DayCount(DateOnly Date, long? Count);

public sealed record PollTotals(string PollId, IReadOnlyList<OptionTotal> Options, long? TotalVotes);

public sealed record OptionTotal(string OptionId, long? Votes);

/// <summary>Entries in the range; of those, the ones that did not share, and the deliveries by status.</summary>
public sealed record PromotionTotals(string PromotionId, long? Entries, long? NotShared, IReadOnlyDictionary<string, long?> Deliveries);

/// <summary>Answers to one label on forms in the range; the rate is granted / answered, only from published counts.</summary>
public sealed record ConsentRate(string LabelId, long? Granted, long? Declined, long? Answered, double? GrantRate);
