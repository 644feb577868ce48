using Submissions.Application.Caching;
using Submissions.Benchmarks.Measuring;
using Submissions.Benchmarks.Reporting;

namespace Submissions.Benchmarks.Scenarios.Viral;

/// <summary>The viral cases' section: one row per case, its storage counts and its nothing-lost check.</summary>
internal static class ViralReport
{
    private static readonly string[] Columns =
        ["case", "calls", "c", "per s", "p50 ms", "p99 ms", "round trips/call", "stages/call", "busiest partition entities/op", "ceiling on Azure", "check"];

    public static ReportSection Section(BenchOptions options, ReadCacheOptions cache, IReadOnlyList<(string Case, LoadRun Run, string Check)> results)
    {
        var rows = results.Select(result =>
        {
            var (name, run, check) = result;
            var sorted = run.LatenciesMs.Order().ToArray();
            var (_, perOperation) = run.Storage.Busiest;
            return (IReadOnlyList<string>)
            [
                name,
                Units.Whole(run.Count),
                Units.Whole(run.Concurrency),
                Units.Whole(run.PerSecond),
                Units.Milliseconds(Statistics.Percentile(sorted, 50)),
                Units.Milliseconds(Statistics.Percentile(sorted, 99)),
                Units.Hundredths((double)run.RoundTrips / run.Count),
                Units.Hundredths(run.Storage.StagesPerOperation),
                Units.Hundredths(perOperation),
                StorageTable.Ceiling(perOperation, (double)run.RoundTrips / run.Count),
                check,
            ];
        }).ToList();

        return new ReportSection(
            "Viral load",
            $"What a best day does to one poll, one promotion and one page: {options.ViralConcurrency} calls in flight on ONE " +
            "poll (each vote a new voter token), ONE promotion (`demo-promotion`, each entry a new email, then each " +
            "confirmed through `ConfirmationFunctions.ConfirmAsync` as its owner would from the mail), ONE page's comment " +
            "listing and ONE poll's results, through the function classes; the app with its production read caches " +
            $"(`ReadCache`: poll results {cache.PollResultsSeconds} s, comment listing {cache.CommentListingSeconds} s, " +
            $"promotion {cache.PromotionSeconds} s). One timed run per case (after {Math.Min(options.WarmUp, 100)} votes " +
            "on a poll of their own to warm up). A fresh Azurite on disk.",
            Columns,
            rows,
            [
                "Nothing lost: every vote got a 2xx and the poll's `totalVotes`, read through the app after the results " +
                "cache period, must equal the votes cast; every entry got a 201 and every confirmation said `confirmed`, " +
                "and the promotion-entries export (NDJSON, through `ExportsHandler`) must hold each entrant exactly once; " +
                "the page's listing must show the approved comments posted " +
                "and approved before the views. Any shortfall stops the run.",
                "busiest partition entities/op and ceiling: as in Storage per operation (the same counts, per case). On " +
                "Azurite every partition is served by one process, so the rate here is not the ceiling; the counts are " +
                "what decides it on Azure.",
                "Reads behind a cache: storage requests per 1,000 views is what storage sees; it falls with more views in " +
                "the same cache period and rises with more instances (each caches on its own).",
            ],
            null,
            [.. results.Select(result => new StorageRow("viral: " + result.Case, result.Run.Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Run.Storage))]);
    }
}
