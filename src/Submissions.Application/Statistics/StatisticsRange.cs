using System.Globalization;
using Microsoft.AspNetCore.Http;
using Submissions.Application.Http;
using Submissions.Domain.Validation;

namespace Submissions.Application.Statistics;

/// <summary>
/// The [from, to) range of a statistics request, in whole UTC days. Whole days are required, not just convenient: a day
/// cell must be the same number in every query, or two ranges that differ by an hour would difference out a small count.
/// For the same reason the range ends at today's UTC midnight at the latest: today's cells still change, and two queries
/// a minute apart would differ by one person's submission.
/// </summary>
public sealed record StatisticsRange(DateOnly From, DateOnly To)
{
    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public DateTimeOffset End => new(To.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public string Scope => string.Create(CultureInfo.InvariantCulture, $"from={From:yyyy-MM-dd};to={To:yyyy-MM-dd}");

    /// <param name="query">The request's query string.</param>
    /// <param name="maxRangeDays">The longest range allowed.</param>
    /// <param name="today">Today's UTC date: the latest <c>to</c> allowed, so only finished days are covered.</param>
    public static (StatisticsRange? Range, FieldErrors? Errors) Parse(IQueryCollection query, int maxRangeDays, DateOnly today)
    {
        var (range, errors) = DayRange.Parse(
            query, maxRangeDays, today,
            string.Create(CultureInfo.InvariantCulture, $"'to' must be {today:yyyy-MM-dd} (today, UTC) or earlier: statistics cover finished days only."));
        return range is null ? (null, errors) : (new StatisticsRange(range.From, range.To), null);
    }
}
