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
/// GET poll results at a poll of each size (default 100 and 100,000 votes), next to the bare query of the same rows, at
/// concurrency 1 and 8. Each size is a poll of its own, created through the admin function and seeded just before it
/// is measured, so the table holds the polls measured so far and nothing else.
/// </summary>
internal sealed class PollResultsScenario : IBenchmarkScenario
{
    private static readonly int[] Concurrencies = [1, 8];

    public string Name => "poll-results";

    public bool OnDisk => false;

    public async Task<ReportSection> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Options;
        // The uncached read: what storage serves per results read (the viral scenario measures the cache in front of it).
        using var app = await BenchApp.StartAsync(context.ConnectionString, new Dictionary<string, string> { ["ReadCache:PollResultsSeconds"] = "0" });
        var runner = new LoadRunner(app.Requests);
        var catalog = await app.Get<ConsentLabelCatalog>().GetAsync(cancellationToken);
        var seeder = new VoteSeeder(app.Tables.Polls, app.Get<VoterKeyHasher>(), catalog.Latest("poll-terms")!);

        var rows = new List<IReadOnlyList<string>>();
        var summary = new List<IReadOnlyList<string>>();
        var storage = new List<StorageRow>();
        var single = new List<(LoadSummary App, LoadSummary Floor)>();
        var all = new List<LoadSummary>();
        foreach (var votes in options.VoteCounts())
        {
            var pollId = "bench-poll-" + votes.ToString(CultureInfo.InvariantCulture);
            await CreatePollAsync(app, pollId, cancellationToken);
            await seeder.AddAsync(pollId, votes, cancellationToken);
            await PollResultsOperations.VerifyAsync(app, pollId, votes, cancellationToken);

            var bare = PollResultsOperations.Query(app.Tables.Polls, pollId);
            var results = PollResultsOperations.Results(app, pollId);
            var point = await PollResultsOperations.PointReadAsync(app.Tables.Polls, pollId, cancellationToken);
            LoadCase[] cases =
            [
                .. Concurrencies.SelectMany(concurrency => new[] { new LoadCase(bare, concurrency), new LoadCase(point, concurrency), new LoadCase(results, concurrency) }),
            ];
            var label = $"{votes:N0} votes";

            // A warm-up at every size: the same code, but slower answers let the JIT's tiering (held back while new code
            // keeps being compiled) finally promote it, and that compiling belongs before the timed runs, not in them.
            var reads = options.ReadsFor(votes);
            var summaries = await runner.CompareAsync(cases, reads, options.LoadRepeats, Math.Min(options.WarmUp, reads), label, cancellationToken);
            var pairs = Concurrencies.Select((_, i) => (App: summaries[(3 * i) + 2], Floor: summaries[3 * i])).ToList();
            var honest = Concurrencies.Select((_, i) => (App: summaries[(3 * i) + 2], Floor: summaries[(3 * i) + 1])).ToList();
            all.AddRange(summaries);
            foreach (var ((appSummary, floor), (_, pointSummary)) in pairs.Zip(honest))
            {
                rows.Add(LoadTables.Row(label, floor, floor));
                rows.Add(LoadTables.Row(label, pointSummary, floor));
                rows.Add(LoadTables.Row(label, appSummary, floor));
                storage.Add(StorageTable.For($"poll results, {label}", appSummary));
            }

            summary.Add(LoadTables.SummaryRow($"poll results, {label}", pairs[0], pairs[1], honest[0], honest[1]));
            single.Add(pairs[0]);
        }

        return new ReportSection(
            "Poll results",
            "`GET /api/polls/{pollId}/results` through `PollFunctions.ResultsAsync`, the result run into a response, next to " +
            "`TableClient.QueryAsync<TableEntity>` of the rows it reads — the poll row and its 16 tally shards, one RowKey range " +
            "(`meta~`) of the poll's partition — at concurrency 1 and 8 in the same rounds. Each size is a poll of its own, " +
            "created through the admin function (`PUT manage/polls`) and seeded just before it is measured. The results cache is off " +
            "(`ReadCache:PollResultsSeconds=0`): every read here goes to storage (Viral load measures reads behind the cache). A fresh in-memory Azurite.",
            LoadTables.Columns("poll"),
            rows,
            [
                "Votes are written straight into the Polls table, in the layout a vote by voter token leaves, with entity-group " +
                "transactions of 33 votes: per vote its voter row (`voter~t~` + the app's keyed hash of the token), its receipt and " +
                "its ledger row (the app's own `ConsentReceiptDraft.LedgerActions`, with the catalog's `poll-terms` label) — 3 rows " +
                "a vote, 300,000 rows for 100,000 votes — then the 16 shards holding the counts. Not seeded: idempotency records " +
                "(the daily purge removes them after 7 days). Casting the votes through the app would take Azurite many minutes. " +
                "Before timing, the app's `totalVotes` must equal the seeded count and the bare query must read the rows the app's layout keeps in the results range.",
                $"Each run is {options.Reads:N0} reads ({options.LargeReads:N0} from {BenchOptions.LargeSize:N0} votes, where Azurite " +
                $"answers a read in a tenth of a second) kept 1 or 8 in flight; after a warm-up of as many reads of each case (at most " +
                $"{options.WarmUp:N0}), {Units.Count(options.LoadRepeats, "round")} of bare, point read and app at c=1, then at c=8 (order reversed every other round). " +
                "The point read of one entity (the first row of the results range, by its keys) is the honest floor: results kept in one row. per s: the median of the " +
                "runs; p50/p99 over every read pooled; round trips/call counted by the SDK pipeline policy.",
                ScalingNote(single, options.VoteCounts()),
                .. RetryNote(all),
            ],
            summary,
            storage);
    }

    /// <summary>What the sizes did to the read, in this run's figures: the app's and the bare query's rates, largest ÷ smallest.</summary>
    private static string ScalingNote(List<(LoadSummary App, LoadSummary Floor)> single, IReadOnlyList<int> sizes)
    {
        if (single.Count < 2)
        {
            return "One size only: nothing to compare.";
        }

        var (small, large) = (single[0], single[^1]);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"At {sizes[^1]:N0} votes the read costs {Units.Hundredths(large.App.RoundTripsPerCall)} round trip and allocates " +
            $"{Units.Tenths(large.App.AllocatedPerCall / 1024)} KB, against {Units.Hundredths(small.App.RoundTripsPerCall)} and " +
            $"{Units.Tenths(small.App.AllocatedPerCall / 1024)} KB at {sizes[0]:N0}: the app does the same work whatever the poll's " +
            $"size (18 rows, one range query). Its rate at c=1 there is {Units.Ratio(large.App.MedianPerSecond / small.App.MedianPerSecond)} " +
            $"of its rate at {sizes[0]:N0} votes, the bare query's {Units.Ratio(large.Floor.MedianPerSecond / small.Floor.MedianPerSecond)}: " +
            $"the time goes in Azurite, whose `LokiTableMetadataStore.queryTableEntities` evaluates the filter on every row of the " +
            $"table (3 per vote). Table Storage serves a RowKey range of one partition from its index, whatever else the partition holds.");
    }

    /// <summary>Said only when it happened: a read retried after the storage client's network timeout.</summary>
    private static IEnumerable<string> RetryNote(List<LoadSummary> summaries)
    {
        if (summaries.Any(summary => summary.RoundTripsPerCall > 1.001))
        {
            yield return "Round trips above 1.00 are reads the SDK sent again after the app's network timeout " +
                "(`Storage:NetworkTimeoutSeconds`, 5 s): Azurite answers concurrent scans one after another, so at c=8 on a large " +
                "poll some answers took longer than that, and their p99 includes the wait.";
        }
    }

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
