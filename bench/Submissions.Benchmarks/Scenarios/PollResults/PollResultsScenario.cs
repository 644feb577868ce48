using System.Globalization;
using Submissions.Application.ConsentLabels;
using Submissions.Benchmarks.Hosting;
using Submissions.Benchmarks.Http;
using Submissions.Benchmarks.Measuring;
using Submissions.Benchmarks.Reporting;
using Submissions.Domain.Privacy;
using Submissions.Functions.Http;

namespace Submissions.Benchmarks.Scenarios.PollResults;

/// <summary>
/// GET poll results at a poll of each size (default 100 and 100,000 votes), next to the point read of the poll row it
/// reads, at concurrency 1 and 8; then the recount that keeps the poll row's totals, on its own. Each size is a poll of
/// its own, created through the admin function and seeded just before it is measured, so the table holds the polls
/// measured so far and nothing else.
/// </summary>
internal sealed class PollResultsScenario : IBenchmarkScenario
{
    private static readonly int[] Concurrencies = [1, 8];

    /// <summary>The totals' period here: long enough that no recount falls in a timed run; each recount is measured on its own.</summary>
    private static readonly TimeSpan TotalsPeriod = TimeSpan.FromHours(1);

    public string Name => "poll-results";

    public bool OnDisk => false;

    public async Task<ReportSection> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Options;

        // The uncached read (the viral scenario measures the cache in front of it); a claiming read waits for its whole
        // recount, so the recount's own cost is measured and every later read finds the totals it saved.
        var clock = new MovableClock();
        using var app = await BenchApp.StartAsync(context.ConnectionString, new Dictionary<string, string>
        {
            ["ReadCache:PollResultsSeconds"] = "0",
            ["ReadCache:PollTotalsSeconds"] = TotalsPeriod.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            ["ReadCache:PollRecountWaitMilliseconds"] = "60000",
        }, clock);
        var runner = new LoadRunner(app.Requests);
        var recounts = new PollRecounts(app, clock, runner, TotalsPeriod);
        var catalog = await app.Get<ConsentLabelCatalog>().GetAsync(cancellationToken);
        var seeder = new VoteSeeder(app.Tables.Polls, app.Get<VoterKeyHasher>(), catalog.Latest("poll-terms")!);

        var rows = new List<IReadOnlyList<string>>();
        var summary = new List<IReadOnlyList<string>>();
        var storage = new List<StorageRow>();
        var sizes = new List<PollSize>();
        foreach (var votes in options.VoteCounts())
        {
            var pollId = "bench-poll-" + votes.ToString(CultureInfo.InvariantCulture);
            await CreatePollAsync(app, pollId, cancellationToken);
            await seeder.AddAsync(pollId, votes, cancellationToken);

            // The first read claims the recount that counts the seeded votes, and waits for it.
            await PollResultsOperations.VerifyAsync(app, pollId, votes, cancellationToken);

            var point = PollResultsOperations.PointReadOfPollRow(app.Tables.Polls, pollId);
            var results = PollResultsOperations.Results(app, pollId);
            LoadCase[] cases = [.. Concurrencies.SelectMany(concurrency => new[] { new LoadCase(point, concurrency), new LoadCase(results, concurrency) })];
            var label = $"{votes:N0} votes";
            var summaries = await runner.CompareAsync(cases, options.Reads, options.LoadRepeats, Math.Min(options.WarmUp, options.Reads), label, cancellationToken);
            var pairs = Concurrencies.Select((_, i) => (App: summaries[(2 * i) + 1], Floor: summaries[2 * i])).ToList();
            foreach (var (appSummary, floor) in pairs)
            {
                rows.Add(LoadTables.Row(label, floor, floor));
                rows.Add(LoadTables.Row(label, appSummary, floor));
                storage.Add(StorageTable.For($"poll results, {label}", appSummary));
            }

            summary.Add(LoadTables.SummaryRow($"poll results, {label}", pairs[0], pairs[1], pairs[0], pairs[1]));

            var recount = await recounts.MeasureAsync(pollId, votes, options.RecountVotes, options.Recounts, cancellationToken);
            storage.Add(new StorageRow($"poll recount, {label}, {options.RecountVotes:N0} new", "1", recount.Storage));
            sizes.Add(new PollSize(votes, pairs[0].App, pairs[1].App, recount));
        }

        return new ReportSection(
            "Poll results",
            "`GET /api/polls/{pollId}/results` through `PollFunctions.ResultsAsync`, the result run into a response, next to " +
            "its floor: `TableClient.GetEntityAsync` of the poll row, the one entity the read needs (it holds the totals as " +
            "last recounted and the results as last published) — at concurrency 1 and 8 in the same rounds. Each size is a " +
            "poll of its own, created through the admin function (`PUT manage/polls`) and seeded just before it is measured. " +
            "The results cache is off (`ReadCache:PollResultsSeconds=0`): every read here goes to storage (Viral load measures " +
            "reads behind the cache). The totals' period is an hour here, so no recount falls in a timed run; the recount is " +
            "measured on its own after each size's reads. A fresh in-memory Azurite.",
            LoadTables.Columns("poll"),
            rows,
            [
                "Votes are written straight into the Polls table, in the layout votes by voter token leave once folded, with " +
                "entity-group transactions of 33 votes: per vote, in its vote partition (one of 64, by the app's keyed hash " +
                "of the token), its voter row, its receipt and its ledger row (the app's own `ConsentReceiptDraft.LedgerActions`, " +
                "with the catalog's `poll-terms` label) — 3 rows a vote, 300,000 rows for 100,000 votes — then each vote " +
                "partition's folded tally. Not seeded: idempotency records (the daily purge removes them after 7 days). Casting " +
                "the votes through the app would take Azurite many minutes. Before timing, the app's `totalVotes` must equal the " +
                "seeded count.",
                $"Each run is {options.Reads:N0} reads kept 1 or 8 in flight; after a warm-up of as many reads of each case (at " +
                $"most {options.WarmUp:N0}), {Units.Count(options.LoadRepeats, "round")} of point read and app at c=1, then at " +
                "c=8 (order reversed every other round). per s: the median of the runs; p50/p99 over every read pooled; round " +
                "trips/call counted by the SDK pipeline policy. The floor does the read's whole storage work, so app ÷ floor is " +
                "the app's own cost (handler, JSON, the response).",
                RecountNote(options),
                .. ScalingNotes(sizes),
            ],
            summary,
            storage);
    }

    private static string RecountNote(BenchOptions options) =>
        $"Recount: {Units.Count(options.Recounts, "time")} per size, {options.RecountVotes:N0} votes are cast through the " +
        "app (`PollFunctions.VoteAsync`, 8 in flight; each adds a journal row to its vote partition), the app's clock moves " +
        "past the totals' period, and one results read claims the recount (a conditional write on the poll row) and waits " +
        "for it: the 64 vote partitions' `meta~` ranges read in one parallel stage (16 at a time), each partition's journal " +
        "folded into its tally (one transaction per partition with journal rows), the totals saved on the poll row. After " +
        "each, a read must show every vote seeded or cast. In production the read that claims it waits at most " +
        "`ReadCache__PollRecountWaitMilliseconds` (250 ms) and every other read serves the stored totals meanwhile; " +
        "its storage work is in Storage per operation (`poll recount` rows).";

    /// <summary>What the poll's size did to the read and to the recount, in this run's figures: largest ÷ smallest.</summary>
    private static IEnumerable<string> ScalingNotes(List<PollSize> sizes)
    {
        if (sizes.Count < 2)
        {
            yield return "One size only: nothing to compare.";
            yield break;
        }

        var (small, large) = (sizes[0], sizes[^1]);
        yield return string.Create(
            CultureInfo.InvariantCulture,
            $"Reads, {large.Votes:N0} votes ÷ {small.Votes:N0}: rate {Units.Ratio(large.One.MedianPerSecond / small.One.MedianPerSecond)} at " +
            $"c=1 and {Units.Ratio(large.Eight.MedianPerSecond / small.Eight.MedianPerSecond)} at c=8; round trips " +
            $"{Units.Hundredths(large.One.RoundTripsPerCall)} against {Units.Hundredths(small.One.RoundTripsPerCall)}, allocated " +
            $"{Units.Tenths(large.One.AllocatedPerCall / 1024)} KB against {Units.Tenths(small.One.AllocatedPerCall / 1024)}: " +
            $"a results read is the same point read whatever the poll's size.");
        yield return string.Create(
            CultureInfo.InvariantCulture,
            $"Recount, {large.Votes:N0} votes ÷ {small.Votes:N0}, after the same number of new votes: round trips " +
            $"{Units.Hundredths(large.Recount.RoundTripsPerCall)} against {Units.Hundredths(small.Recount.RoundTripsPerCall)}, " +
            $"stages {Units.Hundredths(large.Recount.Storage.StagesPerOperation)} against {Units.Hundredths(small.Recount.Storage.StagesPerOperation)}, " +
            $"entities returned {Units.Whole(large.Recount.Storage.ReturnedPerOperation)} against {Units.Whole(small.Recount.Storage.ReturnedPerOperation)} " +
            $"— what Table Storage reads and bills, the same whatever the poll's size, since folded votes are one tally row per " +
            $"partition. Time (median): {Units.Milliseconds(Median(large.Recount))} ms against {Units.Milliseconds(Median(small.Recount))} ms. " +
            $"Where the times differ, the difference is Azurite's: `LokiTableMetadataStore.queryTableEntities` evaluates each query's filter on every " +
            $"row of the table (3 per vote), 64 times per recount, where Table Storage serves a RowKey range of one partition " +
            $"from its index. On Azurite, reads sent while a recount runs wait behind those walks in the one Node.js process; " +
            $"Table Storage serves a point read beside a partition query.");
    }

    private static double Median(LoadSummary summary) => Statistics.Median(summary.Runs.Select(run => run.Elapsed.TotalMilliseconds));

    /// <summary>One poll size's figures: the app's reads at c=1 and c=8, and its recounts.</summary>
    private sealed record PollSize(int Votes, LoadSummary One, LoadSummary Eight, LoadSummary Recount);

    private static async Task CreatePollAsync(BenchApp app, string pollId, CancellationToken cancellationToken)
    {
        var definition = HttpCalls.JsonBody(new
        {
            question = "Which topic should we cover next?",
            options = VoteSeeder.OptionIds.Select(id => new { optionId = id, text = "Option " + id }),
            status = "open",
        });
        var request = HttpCalls.Put($"/api/manage/polls/{pollId}", definition);
        var status = await app.FunctionFactory<PollFunctions>()().PutAsync(request, pollId, cancellationToken).ExecuteAsync(request);
        if (status != 201)
        {
            throw new InvalidOperationException($"Creating poll {pollId} answered {status}.");
        }
    }
}
