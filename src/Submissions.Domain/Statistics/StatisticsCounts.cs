namespace Submissions.Domain.Statistics;

/// <summary>
/// Raw counts for one range [From, To) of whole UTC days, before suppression. Never published as they are. Everything
/// that is ranged is counted per UTC day, so that a range total can be published only as a sum of day cells that are
/// themselves publishable (the same in every query). Days outside the range are ignored.
/// </summary>
/// <param name="From">The first day, inclusive.</param>
/// <param name="To">The day after the last, exclusive.</param>
/// <param name="SubmissionsByForm">Per form (registration, comment, poll, promotion): submissions per UTC day.</param>
/// <param name="WithdrawalsByDay">Withdrawal and opt-out receipts per UTC day.</param>
/// <param name="Polls">Every defined poll: votes cast in the range per option per UTC day.</param>
/// <param name="Promotions">Every promotion that ran during the range or took entries in it.</param>
/// <param name="Consents">Per label, answers given on a form in the range.</param>
/// <param name="CountedDays">
/// The days of the range that are counted (those with a daily roll-up), ascending; null when every day is. Days left
/// out are reported nowhere: no cell, and no part of any total.
/// </param>
public sealed record StatisticsCounts(
    DateOnly From,
    DateOnly To,
    IReadOnlyDictionary<string, IReadOnlyDictionary<DateOnly, long>> SubmissionsByForm,
    IReadOnlyDictionary<DateOnly, long> WithdrawalsByDay,
    IReadOnlyList<PollCounts> Polls,
    IReadOnlyList<PromotionCounts> Promotions,
    IReadOnlyList<ConsentCounts> Consents,
    IReadOnlyList<DateOnly>? CountedDays = null);
