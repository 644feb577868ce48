namespace Submissions.Application.Exports;

/// <summary>Bound from "Exports".</summary>
public sealed class ExportOptions
{
    public const string SectionName = "Exports";

    /// <summary>The longest range one export may cover: a bound on what one request reads and sends (a year and a day).</summary>
    public int MaxRangeDays { get; set; } = 366;

    /// <summary>
    /// The longest range streamed in the response (a month: 31 days); a longer one runs as an export job that writes a
    /// file and answers with a link, so no export has to finish inside the HTTP limit (230 s on Azure's front end).
    /// </summary>
    public int SyncMaxDays { get; set; } = 31;

    /// <summary>
    /// How many promotion entries' sharing lookups run at once (each is two range queries). Rows are still written in
    /// storage order; this only overlaps the round trips.
    /// </summary>
    public int LookupConcurrency { get; set; } = 8;

    /// <summary>
    /// How long past midnight the export day index waits before it indexes the day (an hour, as the statistics roll-up):
    /// a row stamped before midnight but committed after the day was indexed would be missing from the day's export.
    /// </summary>
    public int IndexGraceMinutes { get; set; } = 60;
}
