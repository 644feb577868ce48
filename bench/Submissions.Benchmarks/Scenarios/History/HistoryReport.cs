using Submissions.Benchmarks.Measuring;
using Submissions.Benchmarks.Reporting;

namespace Submissions.Benchmarks.Scenarios.History;

/// <summary>The history section: each admin read once over the year, its storage work, and the export's scan.</summary>
internal static class HistoryReport
{
    private static readonly string[] Columns =
        ["operation", "ms", "round trips", "stages", "entities returned", "rows out", "key ranges cover", "covered ÷ rows out"];

    public static ReportSection Section(BenchOptions options, (LoadRun Run, long Rows, long? Covered) export, LoadRun statistics, LoadRun access, LoadRun erase)
    {
        var (exportRun, rows, covered) = export;
        IReadOnlyList<string>[] table =
        [
            Row("one-day comments export", exportRun, Units.Whole(rows), covered is { } c ? Units.Whole(c) : "n/a (an \"or\" filter)", covered is { } d && rows > 0 ? Units.Ratio((double)d / rows) : "—"),
            Row($"statistics, {Math.Min(options.HistoryDays, 365)} days", statistics, "—", "—", "—"),
            Row("subject access (a year of comments)", access, "—", "—", "—"),
            Row("subject erasure (the same person)", erase, "—", "—", "—"),
        ];
        return new ReportSection(
            "History: exports, statistics, subject access and erasure over a year",
            $"{options.HistoryDays} days of history posted through the app's own forms, each day's on that day (the app's " +
            $"clock moved one day at a time): {options.PerDay} comments (by {HistoryOperations.People} people in turn, " +
            $"across 10 pages) and {options.PerDay} votes on one poll a day — {options.HistoryDays * options.PerDay:N0} of " +
            "each. Then, two days after the last, each admin read once through its function or handler: the comments export " +
            "of one day in the middle of the year (NDJSON), statistics over the year, and a subject access and erasure of " +
            "one of the commenters. A fresh in-memory Azurite.",
            Columns,
            table,
            [
                "entities returned: what storage sent back to the app's queries (counted from the answers); rows out: the " +
                "rows the export wrote; key ranges cover: each of the export's queries run again keys-only with only its " +
                "PartitionKey/RowKey conditions — the entities Table Storage walks to answer it, since a condition on any " +
                "other property (`CreatedAt`) is evaluated on every entity of the key range. covered ÷ rows out is the " +
                "export's scan per row exported (the goal: ≤ 1.05).",
                "Round trips and stages per call as in Storage per operation (one call each, so ms is one sample).",
            ],
            null,
            [
                new StorageRow("one-day export out of a year", "1", exportRun.Storage),
                new StorageRow("statistics over a year", "1", statistics.Storage),
                new StorageRow("subject access", "1", access.Storage),
                new StorageRow("subject erasure", "1", erase.Storage),
            ]);
    }

    private static IReadOnlyList<string> Row(string name, LoadRun run, string rowsOut, string covered, string ratio) =>
    [
        name,
        Units.Milliseconds(run.Elapsed.TotalMilliseconds),
        Units.Whole(run.RoundTrips),
        Units.Whole(run.Storage.Stages),
        Units.Whole(run.Storage.EntitiesReturned),
        rowsOut,
        covered,
        ratio,
    ];
}
