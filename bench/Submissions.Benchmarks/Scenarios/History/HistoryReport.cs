using Submissions.Benchmarks.Measuring;
using Submissions.Benchmarks.Reporting;

namespace Submissions.Benchmarks.Scenarios.History;

/// <summary>The history section: each admin read once over the year, its storage work, and the export's scan.</summary>
internal static class HistoryReport
{
    private static readonly string[] Columns =
        ["operation", "ms", "round trips", "stages", "entities returned", "rows out", "data rows covered", "covered ÷ rows out", "index rows read"];

    public static ReportSection Section(BenchOptions options, HistoryExports export, LoadRun indexing, LoadRun rollUp, LoadRun statistics, LoadRun access, LoadRun erase)
    {
        ArgumentNullException.ThrowIfNull(export);
        var rows = export.Rows;
        var indexedData = export.Indexed.Storage.EntitiesIn("Comments");
        IReadOnlyList<string>[] table =
        [
            Row("one-day comments export, scanned (no index yet)", export.Scanned, Units.Whole(rows), export.ScanCovered is { } c ? Units.Whole(c) : "n/a (an \"or\" filter)", export.ScanCovered is { } d && rows > 0 ? Units.Ratio((double)d / rows) : "—", "—"),
            Row("one-day comments export, through the day index", export.Indexed, Units.Whole(rows), Units.Whole(indexedData), rows > 0 ? Units.Ratio((double)indexedData / rows) : "—", Units.Whole(export.Indexed.Storage.EntitiesIn("ExportDayIndex"))),
            Row($"export day index, first run ({options.HistoryDays} days)", indexing, "—", "—", "—", Units.Whole(indexing.Storage.EntitiesIn("ExportDayIndex"))),
            Row($"statistics roll-up, first run ({options.HistoryDays} days)", rollUp, "—", "—", "—", "—"),
            Row($"statistics, {Math.Min(options.HistoryDays, 365)} days", statistics, "—", "—", "—", "—"),
            Row("subject access (a year of comments)", access, "—", "—", "—", "—"),
            Row("subject erasure (the same person)", erase, "—", "—", "—", "—"),
        ];
        return new ReportSection(
            "History: exports, statistics, subject access and erasure over a year",
            $"{options.HistoryDays} days of history posted through the app's own forms, each day's on that day (the app's " +
            $"clock moved one day at a time): {options.PerDay} comments (by {HistoryOperations.People} people in turn, " +
            $"across 10 pages) and {options.PerDay} votes on one poll a day — {options.HistoryDays * options.PerDay:N0} of " +
            "each. Then, two days after the last, each admin read once through its function or handler: the comments export " +
            "of one day in the middle of the year (NDJSON) before the export day index exists, then the index's and the " +
            "statistics roll-up's first runs (the whole year each), the same export again through the index, statistics " +
            "over the year, and a subject access and erasure of one of the commenters. A fresh in-memory Azurite.",
            Columns,
            table,
            [
                "entities returned: what storage sent back to the app's queries (counted from the answers); rows out: the " +
                "rows the export wrote; data rows covered: for the scan, each of the export's queries run again keys-only " +
                "with only its PartitionKey/RowKey conditions — the entities Table Storage walks to answer it, since a " +
                "condition on any other property (`CreatedAt`) is evaluated on every entity of the key range; through the " +
                "index, the comment rows read (one point read each). covered ÷ rows out is the export's scan per row " +
                "exported (the goal: ≤ 1.05). index rows read: the day's pointers (keys only, one partition query per " +
                "1,000), and for the index run the pointers it wrote.",
                "Round trips and stages per call as in Storage per operation (one call each, so ms is one sample).",
            ],
            null,
            [
                new StorageRow("one-day export out of a year, scanned", "1", export.Scanned.Storage),
                new StorageRow("one-day export out of a year, through the index", "1", export.Indexed.Storage),
                new StorageRow("export day index, first run over the year", "1", indexing.Storage),
                new StorageRow("statistics roll-up, first run over the year", "1", rollUp.Storage),
                new StorageRow("statistics over a year", "1", statistics.Storage),
                new StorageRow("subject access", "1", access.Storage),
                new StorageRow("subject erasure", "1", erase.Storage),
            ]);
    }

    private static IReadOnlyList<string> Row(string name, LoadRun run, string rowsOut, string covered, string ratio, string indexRows) =>
    [
        name,
        Units.Milliseconds(run.Elapsed.TotalMilliseconds),
        Units.Whole(run.RoundTrips),
        Units.Whole(run.Storage.Stages),
        Units.Whole(run.Storage.EntitiesReturned),
        rowsOut,
        covered,
        ratio,
        indexRows,
    ];
}
