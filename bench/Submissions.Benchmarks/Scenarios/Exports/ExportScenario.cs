using Submissions.Benchmarks.Hosting;
using Submissions.Benchmarks.Measuring;
using Submissions.Benchmarks.Reporting;

namespace Submissions.Benchmarks.Scenarios.Exports;

/// <summary>
/// The comments export against a bare query of the same rows, at each size: the table grows to the next size between
/// measurements, so at every size it holds exactly the rows exported (an export's query scans its row kind in the whole
/// table, so extra rows outside the range would be measured too).
/// </summary>
internal sealed class ExportScenario : IBenchmarkScenario
{
    private static readonly string[] Columns =
        ["rows", "mode", "runs", "rows/s (median)", "ratio to bare", "app CPU µs/row", "peak heap MB", "peak after GC MB", "allocated B/row", "bytes out"];

    public string Name => "exports";

    public bool OnDisk => false;

    public async Task<ReportSection> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var app = await BenchApp.StartAsync(context.ConnectionString);
        var (from, to) = (CommentSeeder.Day, CommentSeeder.Day.AddDays(1));
        Operation[] operations =
        [
            ExportOperations.Bare(app.Tables.Comments, from, to),
            ExportOperations.Export(app, "ndjson", from, to),
            ExportOperations.Export(app, "csv", from, to),
        ];

        var rows = new List<IReadOnlyList<string>>();
        var seeded = 0;
        foreach (var size in context.Options.RowCounts())
        {
            await CommentSeeder.AddAsync(app.Tables.Comments, seeded, size, cancellationToken);
            seeded = size;

            // One warm-up, before the first size: later sizes run the same code paths, already compiled.
            var summaries = await Runner.CompareAsync(operations, context.Options.RepeatsFor(size), warmUp: rows.Count == 0, $"{size:N0}", cancellationToken);
            rows.AddRange(Rows(size, summaries));
        }

        return new ReportSection(
            "Exports",
            "`GET /api/manage/exports/comments` through `ExportsHandler.ExportAsync` and its `StreamedExportResult`, into a " +
            "response body that counts bytes and keeps none, next to `TableClient.QueryAsync<TableEntity>` with the same " +
            "server-side filter and select enumerating the same rows. Comments seeded across 200 pages (partitions), every row " +
            "in the exported day; the table holds exactly the rows exported at each size.",
            Columns,
            rows,
            [
                "rows/s: the median of the timed runs (one warm-up of each mode before the first size, then rounds of bare, " +
                "NDJSON, CSV in turn); ratio: the mode's median rows/s ÷ the bare query's, at the same size.",
                "Rows/s falls with size for the bare query as much as for the export: Azurite (`LokiTableMetadataStore." +
                "queryTableEntities`) filters the whole table and sorts every remaining match again for each 1,000-row page, " +
                "so reading N rows costs it about N²/1,000 row visits. Table Storage resumes a page from its continuation " +
                "key. For the same reason the largest size runs each mode `--LargeRepeats` times (default 1) rather than " +
                "`--Repeats`.",
                "app CPU µs/row: this process's CPU time over a run (every thread, GC included; Azurite is another " +
                "process) ÷ rows, median of the runs — the app's own cost per row whatever the emulator's speed; the " +
                "export's extra cost is its figure less the bare query's.",
                "peak heap: the largest `GC.GetTotalMemory(false)` sampled every 5 ms during a run, after a full collection " +
                "before it — the whole process's managed heap, garbage not yet collected included (so it follows the gen0 " +
                "budget too); the largest of the runs.",
                "peak after GC: the largest heap any collection during a run left behind (`GCMemoryInfo.HeapSizeBytes` less " +
                "fragmentation) — an upper bound on what was kept alive; the largest of the runs.",
                "allocated B/row: `GC.GetTotalAllocatedBytes` over a run ÷ rows (whole process, the SDK's deserialisation " +
                "included); median of the runs.",
            ]);
    }

    private static IEnumerable<IReadOnlyList<string>> Rows(int size, IReadOnlyList<Summary> summaries)
    {
        var bare = summaries[0];
        foreach (var summary in summaries)
        {
            if (summary.Rows != size)
            {
                throw new InvalidOperationException($"{summary.Mode} read {summary.Rows} rows of {size}: the compared reads differ.");
            }

            yield return
            [
                Units.Whole(size),
                summary.Mode,
                Units.Whole(summary.Runs.Count),
                Units.Whole(summary.MedianRowsPerSecond),
                ReferenceEquals(summary, bare) ? "1.00" : FloorRatio.Format(summary.MedianRowsPerSecond / bare.MedianRowsPerSecond),
                Units.Tenths(summary.CpuMicrosecondsPerRow),
                Units.Megabytes(summary.PeakHeap),
                Units.Megabytes(summary.PeakAfterGc),
                Units.Whole(summary.AllocatedPerRow),
                summary.BytesOut == 0 ? "—" : Units.Whole(summary.BytesOut),
            ];
        }
    }
}
