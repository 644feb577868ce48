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
public sealed record StatisticsCounts(
    DateOnly From,
    DateOnly To,
    IReadOnlyDictionary<string, IReadOnlyDictionary<DateOnly, long>> SubmissionsByForm,
    IReadOnlyDictionary<DateOnly, long> WithdrawalsByDay,
    IReadOnlyList<PollCounts> Polls,
    IReadOnlyList<PromotionCounts> Promotions,
    IReadOnlyList<ConsentCounts> Consents);

/// <summary>Votes for one option per UTC day of casting.</summary>
public sealed record OptionCount(string OptionId, IReadOnlyDictionary<DateOnly, long> VotesByDay)
{
    public long Votes(DateOnly day) => VotesByDay.GetValueOrDefault(day);
}

/// <summary>
/// One poll's votes in the range, per option per UTC day — counted from the vote rows and their time, never from the
/// all-time tallies, so that a published number is the same whenever it is asked for.
/// </summary>
/// <param name="PollId">The poll.</param>
/// <param name="CreatedAt">When it was created: no vote before.</param>
/// <param name="ClosedSince">When it was last saved as closed (null while open): no vote after.</param>
/// <param name="Options">Its options, in display order, with their votes per day.</param>
public sealed record PollCounts(string PollId, DateTimeOffset? CreatedAt, DateTimeOffset? ClosedSince, IReadOnlyList<OptionCount> Options)
{
    public long Votes(DateOnly day) => Options.Sum(option => option.Votes(day));

    /// <summary>Whether it could take votes during <paramref name="day"/>: created by its end and not closed before it began.</summary>
    public bool OpenOn(DateOnly day)
    {
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return (CreatedAt is not { } created || created < start.AddDays(1)) && (ClosedSince is not { } closed || closed > start);
    }
}

/// <summary>
/// One promotion's entries per UTC day, and the deliveries those entries owe per status (owed, delivered, withdrawn,
/// failed) per UTC day of their creation (the same instant as the entry's).
/// </summary>
/// <param name="PromotionId">The promotion.</param>
/// <param name="StartsAt">When it opened; null when unknown (then it counts as running every day).</param>
/// <param name="EndsAt">When it closed; null when unknown.</param>
/// <param name="EntriesByDay">Entries per UTC day.</param>
/// <param name="DeliveriesByStatus">Per status, deliveries per UTC day.</param>
public sealed record PromotionCounts(
    string PromotionId,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    IReadOnlyDictionary<DateOnly, long> EntriesByDay,
    IReadOnlyDictionary<string, IReadOnlyDictionary<DateOnly, long>> DeliveriesByStatus)
{
    /// <summary>Whether the promotion was open for at least part of <paramref name="day"/> (its dates are public).</summary>
    public bool RunsOn(DateOnly day)
    {
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return StartsAt is not { } starts || EndsAt is not { } ends || (starts < start.AddDays(1) && ends > start);
    }

    public long Entries(DateOnly day) => EntriesByDay.GetValueOrDefault(day);

    public long Deliveries(string status, DateOnly day) => DeliveriesByStatus.GetValueOrDefault(status)?.GetValueOrDefault(day) ?? 0;
}

/// <summary>Answers to one label on one day.</summary>
public sealed record AnswerCounts(long Granted, long Declined)
{
    public static AnswerCounts None { get; } = new(0, 0);

    public long Answered => Granted + Declined;
}

/// <param name="LabelId">The label.</param>
/// <param name="AnswersByDay">Answers granting and declining it, per UTC day.</param>
/// <param name="Forms">The forms the label was answered on, in the range or by its catalog definition.</param>
public sealed record ConsentCounts(string LabelId, IReadOnlyDictionary<DateOnly, AnswerCounts> AnswersByDay, IReadOnlyCollection<string> Forms);
