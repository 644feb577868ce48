namespace Submissions.Domain.Statistics;

/// <summary>Votes for one option per UTC day of casting.</summary>
public sealed record OptionCount(string OptionId, IReadOnlyDictionary<DateOnly, long> VotesByDay)
{
    public long Votes(DateOnly day) => VotesByDay.GetValueOrDefault(day);
}
