namespace Submissions.Application.Promotions;

/// <summary>Where a promotion stands against the clock: entries are taken only while it is open.</summary>
public static class PromotionStatus
{
    public const string Upcoming = "upcoming";
    public const string Open = "open";
    public const string Ended = "ended";

    /// <summary>The same window an entry is checked against: from StartsAt (inclusive) until EndsAt (exclusive).</summary>
    public static string At(DateTimeOffset now, DateTimeOffset startsAt, DateTimeOffset endsAt) =>
        now < startsAt ? Upcoming : now >= endsAt ? Ended : Open;
}
