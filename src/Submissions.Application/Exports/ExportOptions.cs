namespace Submissions.Application.Exports;

/// <summary>Bound from "Exports".</summary>
public sealed class ExportOptions
{
    public const string SectionName = "Exports";

    /// <summary>The longest range one export may cover: a bound on what one request reads and sends (a year and a day).</summary>
    public int MaxRangeDays { get; set; } = 366;

    /// <summary>
    /// How many promotion entries' sharing lookups run at once (each is two range queries). Rows are still written in
    /// storage order; this only overlaps the round trips.
    /// </summary>
    public int LookupConcurrency { get; set; } = 8;
}
