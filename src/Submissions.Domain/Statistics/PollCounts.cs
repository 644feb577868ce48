namespace Submissions.Domain.Statistics;

/// <summary>
/// One poll's votes in the range, per option per UTC day — counted from the vote rows and their time, never from the
/// all-time tallies, so that a published number is the same whenever it is asked for.
/// </summary>
/// <param name="PollId">The poll.</param>
/// <param name="CreatedAt">When it was created: no vote before.</param>
/// <param name="ClosedSince">When it was last saved as closed (null while open): no vote after.</param>
/// <param name="Options">Its options, in display order, with their votes per day.</param>
/// <param name="OpenDays">
/// The days it could take votes, as frozen in each day's roll-up; when given, it replaces the dates above, so a later
/// change to the poll cannot change which of a finished day's cells are published.
/// </param>
public sealed record PollCounts(string PollId, DateTimeOffset? CreatedAt, DateTimeOffset? ClosedSince, IReadOnlyList<OptionCount> Options, IReadOnlySet<DateOnly>? OpenDays = null)
{
    public long Votes(DateOnly day) => Options.Sum(option => option.Votes(day));

    /// <summary>Whether it could take votes during <paramref name="day"/>: created by its end and not closed before it began.</summary>
    public bool OpenOn(DateOnly day)
    {
        if (OpenDays is not null)
        {
            return OpenDays.Contains(day);
        }

        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return (CreatedAt is not { } created || created < start.AddDays(1)) && (ClosedSince is not { } closed || closed > start);
    }
}
