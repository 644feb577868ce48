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
