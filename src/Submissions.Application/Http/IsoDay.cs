using System.Globalization;
using Submissions.Domain.Validation;

namespace Submissions.Application.Http;

/// <summary>A whole UTC day in a query: an ISO-8601 date (2026-11-24) or a date-time that is a UTC midnight (2026-11-24T00:00:00Z).</summary>
public static class IsoDay
{
    /// <returns>The day, or null with the field's error added (required, or not such a day).</returns>
    public static DateOnly? Read(string text, string field, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(errors);
        if (text.Length == 0)
        {
            errors.Add(field, $"'{field}' is required: an ISO-8601 date such as 2026-11-01.", FieldErrorCodes.Required);
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        if (text.Length <= 40
            && text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            && instant.UtcDateTime.TimeOfDay == TimeSpan.Zero)
        {
            return DateOnly.FromDateTime(instant.UtcDateTime);
        }

        errors.Add(field, $"'{field}' must be an ISO-8601 date (2026-11-01) or a UTC midnight (2026-11-01T00:00:00Z).", FieldErrorCodes.InvalidFormat);
        return null;
    }
}
