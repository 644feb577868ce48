namespace Submissions.Domain.Statistics;

/// <summary>
/// Raw counts for one range [From, To) of whole UTC days, before suppression. Never published as they are.
/// </summary>
/// <param name="From">The first day, inclusive.</param>
/// <param name="To">The day after the last, exclusive.</param>
/// <param name="SubmissionsByForm">Per form (registration, comment, poll, promotion): submissions per UTC day.</param>
/// <param name="WithdrawalsByDay">Withdrawal and opt-out receipts per UTC day.</param>
/// <param name="Polls">All-time tallies per poll and option.</param>
/// <param name="Promotions">Every promotion that ran during the range or took entries in it.</param>
/// <param name="Consents">Per label, answers given on a form in the range.</param>
public sealed record StatisticsCounts(
    DateOnly From,
    DateOnly To,
    IReadOnlyDictionary<string, IReadOnlyDictionary<DateOnly, long>> SubmissionsByForm,
    IReadOnlyDictionary<DateOnly, long> WithdrawalsByDay,
    IReadOnlyList<PollCounts> Polls,
    IReadOnlyList<PromotionCounts> Promotions,
    IReadOnlyList<ConsentCounts> Consents);

public sealed record OptionCount(string OptionId, long Votes);

public sealed record PollCounts(string PollId, IReadOnlyList<OptionCount> Options);

/// <summary>Entries in the range, and the deliveries those entries owe, by status (owed, delivered, withdrawn, failed).</summary>
public sealed record PromotionCounts(string PromotionId, long Entries, IReadOnlyDictionary<string, long> DeliveriesByStatus);

/// <param name="LabelId">The label.</param>
/// <param name="Granted">Answers granting it.</param>
/// <param name="Declined">Answers declining it.</param>
/// <param name="Forms">The forms the label was answered on, in the range or by its catalog definition.</param>
public sealed record ConsentCounts(string LabelId, long Granted, long Declined, IReadOnlyCollection<string> Forms);
