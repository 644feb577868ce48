using System.Globalization;

namespace Submissions.Cli.Exports;

/// <summary>
/// What the admin asked to export: kind, the half-open range [From, To), format, and how the range is cut into slices
/// (streamed mode) or sent as one job (<see cref="Job"/>).
/// </summary>
internal sealed record ExportRequest(string Kind, DateTimeOffset From, DateTimeOffset To, string Format, TimeSpan Slice, bool Job)
{
    public static readonly string[] Kinds = ["registrations", "comments", "votes", "promotion-entries", "consents", "disclosures"];
    public static readonly string[] Formats = ["ndjson", "csv"];

    /// <summary>The server streams at most Exports__SyncMaxDays (31) days; a longer slice would come back as a job.</summary>
    public static readonly TimeSpan MaxSlice = TimeSpan.FromDays(31);

    /// <summary>The API exports at most a year and a day in one request or job; refused here before anything is sent.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(366);

    /// <summary>The range cut into consecutive half-open slices: each record's date is in exactly one of them.</summary>
    public IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> Slices()
    {
        var slices = new List<(DateTimeOffset, DateTimeOffset)>();
        for (var start = From; start < To; start += Slice)
        {
            slices.Add((start, start + Slice < To ? start + Slice : To));
        }

        return slices;
    }

    public string StreamPath(DateTimeOffset from, DateTimeOffset to) =>
        $"manage/exports/{Kind}?from={Time(from)}&to={Time(to)}&format={Format}";

    public string JobPath() => $"manage/exports/{Kind}?from={Time(From)}&to={Time(To)}&format={Format}&async=true";

    /// <summary>UTC with a Z, so no '+' has to survive a query string.</summary>
    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
