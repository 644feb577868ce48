using System.Globalization;
using System.Text.RegularExpressions;

namespace Submissions.Cli.Exports;

/// <summary>Reads the export command's times and slice length, refusing anything ambiguous (a time without an offset).</summary>
internal static partial class ExportArguments
{
    /// <summary>A date (UTC midnight) or an ISO-8601 date and time with Z or an offset.</summary>
    public static DateTimeOffset Time(string value, string option)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        if (WithOffset().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        throw new CliUsageException($"{option} must be a date (2026-01-01, UTC) or a date and time with an offset (2026-01-01T00:00:00Z).");
    }

    /// <summary>A slice length such as 1d, 12h or 30m, at most <see cref="ExportRequest.MaxSlice"/>.</summary>
    public static TimeSpan Slice(string value)
    {
        var match = SliceLength().Match(value);
        if (match.Success && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            var slice = match.Groups[2].Value switch
            {
                "d" => TimeSpan.FromDays(amount),
                "h" => TimeSpan.FromHours(amount),
                "m" => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromSeconds(amount),
            };
            if (slice <= ExportRequest.MaxSlice)
            {
                return slice;
            }
        }

        throw new CliUsageException("--slice must be a length such as 1d, 12h, 30m or 90s, at most 31d.");
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex WithOffset();

    [GeneratedRegex(@"^(\d{1,6})([dhms])$", RegexOptions.CultureInvariant)]
    private static partial Regex SliceLength();
}
