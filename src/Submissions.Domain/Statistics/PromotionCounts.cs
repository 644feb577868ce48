namespace Submissions.Domain.Statistics;

/// <summary>
/// One promotion's entries per UTC day, and the deliveries those entries owe per status (owed, delivered, withdrawn,
/// failed) per UTC day of their creation (the same instant as the entry's).
/// </summary>
/// <param name="PromotionId">The promotion.</param>
/// <param name="StartsAt">When it opened; null when unknown (then it counts as running every day).</param>
/// <param name="EndsAt">When it closed; null when unknown.</param>
/// <param name="EntriesByDay">Entries per UTC day.</param>
/// <param name="DeliveriesByStatus">Per status, deliveries per UTC day.</param>
/// <param name="RunningDays">
/// The days it ran, as frozen in each day's roll-up; when given, it replaces the dates above (see <see cref="PollCounts.OpenDays"/>).
/// </param>
public sealed record PromotionCounts(
    string PromotionId,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    IReadOnlyDictionary<DateOnly, long> EntriesByDay,
    IReadOnlyDictionary<string, IReadOnlyDictionary<DateOnly, long>> DeliveriesByStatus,
    IReadOnlySet<DateOnly>? RunningDays = null)
{
    /// <summary>Whether the promotion was open for at least part of <paramref name="day"/> (its dates are public).</summary>
    public bool RunsOn(DateOnly day)
    {
        if (RunningDays is not null)
        {
            return RunningDays.Contains(day);
        }

        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return StartsAt is not { } starts || EndsAt is not { } ends || (starts < start.AddDays(1) && ends > start);
    }

    public long Entries(DateOnly day) => EntriesByDay.GetValueOrDefault(day);

    public long Deliveries(string status, DateOnly day) => DeliveriesByStatus.GetValueOrDefault(status)?.GetValueOrDefault(day) ?? 0;
}
