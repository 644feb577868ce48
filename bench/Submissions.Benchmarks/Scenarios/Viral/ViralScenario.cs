using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Submissions.Application.Caching;
using Submissions.Application.Promotions;
using Submissions.Benchmarks.Hosting;
using Submissions.Benchmarks.Measuring;
using Submissions.Benchmarks.Reporting;
using Submissions.Benchmarks.Scenarios.Confirming;
using Submissions.Domain.Forms;

namespace Submissions.Benchmarks.Scenarios.Viral;

/// <summary>
/// The viral cases: many voters on ONE poll, entrants to ONE promotion (each entry then confirmed), readers of ONE
/// page's comments and of ONE poll's results — `--ViralConcurrency` calls in flight, the app with its production read
/// caches — each with its storage counts and a check that nothing was lost. On disk: entries queue mails and deliveries.
/// </summary>
internal sealed class ViralScenario : IBenchmarkScenario
{
    private const string PollId = "viral-poll";
    private const string PageId = "viral-page";
    private const int PageComments = 10;

    public string Name => "viral";

    public bool OnDisk => true;

    public async Task<ReportSection> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Options;
        using var app = await BenchApp.StartAsync(context.ConnectionString);
        var runner = new LoadRunner(app.Requests);
        var cache = app.Get<IOptions<ReadCacheOptions>>().Value;
        var c = options.ViralConcurrency;
        var results = new List<(string Case, LoadRun Run, string Check)>();

        // Warm-up on a poll and a page of their own, so the JIT's work is not charged to the first case.
        await ViralSetup.CreatePollAsync(app, "viral-warm", cancellationToken);
        await runner.RunAsync(ViralOperations.Vote(app, "viral-warm", "warm"), Math.Min(options.WarmUp, 100), c, cancellationToken);
        await JitSettle.WaitAsync(cancellationToken);

        await ViralSetup.CreatePollAsync(app, PollId, cancellationToken);
        var votes = await runner.RunAsync(ViralOperations.Vote(app, PollId, "viral"), options.Voters, c, cancellationToken);
        Console.WriteLine($"  {options.Voters:N0} votes on one poll: {votes.PerSecond:N0}/s, {(double)votes.RoundTrips / votes.Count:F2} round trips each");
        var counted = await ViralSetup.CountedVotesAsync(app, PollId, TimeSpan.FromSeconds(cache.PollResultsSeconds), cancellationToken);
        results.Add(("votes on one poll", votes, Check(counted, options.Voters, "votes counted in the results (read after the results cache period)")));

        var views = await runner.RunAsync(ViralOperations.Results(app, PollId), options.Views, c, cancellationToken);
        results.Add(("results views of one poll", views, PerThousand(views, cache.PollResultsSeconds, "results")));

        var entries = await runner.RunAsync(ViralOperations.Enter(app, DemoPromotionSeed.PromotionId, "viral"), options.Entrants, c, cancellationToken);
        Console.WriteLine($"  {options.Entrants:N0} entries to one promotion: {entries.PerSecond:N0}/s");
        var started = DateTimeOffset.UtcNow.AddMinutes(-30);
        var waiting = new ConcurrentQueue<string>(await PendingConfirmations.ConfirmationIdsAsync(app.Tables.Promotions, FormKind.Promotion, cancellationToken));
        var confirms = await runner.RunAsync(PendingConfirmations.Confirm(app, waiting), options.Entrants, c, cancellationToken);
        var exported = await ViralOperations.ExportedEntrantsAsync(app, started, DateTimeOffset.UtcNow.AddMinutes(30), cancellationToken);
        var ours = exported.Where(email => email.StartsWith("viral.", StringComparison.Ordinal)).ToList();
        var entryCheck = Check(ours.Count, options.Entrants, "entries in the entries export") +
            (ours.Distinct(StringComparer.Ordinal).Count() == ours.Count ? ", each once" : " — SOME TWICE");
        results.Add(("entries to one promotion", entries, "every entry pending its confirmation (a 201 each)"));
        results.Add(("confirmations of those entries", confirms, entryCheck));

        var approved = await ViralSetup.PostApprovedCommentsAsync(app, PageId, PageComments, cancellationToken);
        var listed = await ViralSetup.ListedCommentsAsync(app, PageId, cancellationToken);
        var reads = await runner.RunAsync(ViralOperations.Listing(app, PageId), options.Views, c, cancellationToken);
        results.Add(("listing views of one page", reads, Check(listed, approved, "approved comments listed") + "; " + PerThousand(reads, cache.CommentListingSeconds, "listing")));

        return ViralReport.Section(options, cache, results);
    }

    private static string Check(int found, int expected, string what) =>
        found == expected
            ? $"nothing lost: {found:N0} of {expected:N0} {what}"
            : throw new InvalidOperationException($"Lost: {found:N0} of {expected:N0} {what}.");

    private static string PerThousand(LoadRun run, double cacheSeconds, string what) =>
        $"{Units.Tenths(1000d * run.RoundTrips / run.Count)} storage requests per 1,000 views over {Units.Tenths(run.Elapsed.TotalSeconds)} s (the {what} cache: {cacheSeconds} s)";
}
