using System.Globalization;
using Microsoft.AspNetCore.Http;
using Submissions.Domain.Validation;

namespace Submissions.Application.Http;

/// <summary>A [from, to) range of whole UTC days asked of a log (the audit log, the purge reports); today may be in it.</summary>
public sealed record DayRange(DateOnly From, DateOnly To)
{
    /// <summary>The longest range: a year and a day, so one call covers any twelve months.</summary>
    public const int MaxDays = 366;

    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public DateTimeOffset End => new(To.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public string Scope => string.Create(CultureInfo.InvariantCulture, $"from={From:yyyy-MM-dd};to={To:yyyy-MM-dd}");

    /// <param name="query">The request's query string.</param>
    /// <param name="today">Today's UTC date: <c>to</c> may be tomorrow at the latest, so a range can end with today.</param>
    public static (DayRange? Range, FieldErrors? Errors) Parse(IQueryCollection query, DateOnly today) =>
        Parse(query, MaxDays, today.AddDays(1), string.Create(CultureInfo.InvariantCulture, $"'to' must be {today.AddDays(1):yyyy-MM-dd} (tomorrow, UTC) or earlier."));

    /// <summary>The same rules for any reader of whole days: <c>to</c> at most <paramref name="latestTo"/> (with the reader's own reason), after <c>from</c>, within <paramref name="maxDays"/>.</summary>
    public static (DayRange? Range, FieldErrors? Errors) Parse(IQueryCollection query, int maxDays, DateOnly latestTo, string tooLate)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new FieldErrors();
        var from = IsoDay.Read(query["from"].ToString(), "from", errors);
        var to = IsoDay.Read(query["to"].ToString(), "to", errors);
        if (from is { } start && to is { } end)
        {
            if (end > latestTo)
            {
                errors.Add("to", tooLate, FieldErrorCodes.OutOfRange);
            }
            else if (start >= end)
            {
                errors.Add("to", "'to' must be later than 'from' (from is inclusive, to exclusive).", FieldErrorCodes.OutOfRange);
            }
            else if (end.DayNumber - start.DayNumber > maxDays)
            {
                errors.Add("to", $"The range may span at most {maxDays} days.", FieldErrorCodes.OutOfRange);
            }
        }

        return errors.IsEmpty ? (new DayRange(from!.Value, to!.Value), null) : (null, errors);
    }
}
