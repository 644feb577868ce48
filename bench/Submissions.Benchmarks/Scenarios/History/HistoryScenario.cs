using System.Diagnostics;
using Submissions.Benchmarks.Hosting;
using Submissions.Benchmarks.Measuring;
using Submissions.Benchmarks.Reporting;
using Submissions.Benchmarks.Scenarios.Viral;

namespace Submissions.Benchmarks.Scenarios.History;

/// <summary>
/// A year of history posted through the app itself — each day's comments and votes on that day, the app's clock moved
/// one day at a time — then the admin reads that must not grow with it: a one-day export out of the year (entities
/// storage returned and entities its queries' key ranges cover, against rows exported), a one-year statistics call,
/// and a subject access and an erasure of a person with a year of comments (round trips and stages).
/// </summary>
internal sealed class HistoryScenario : IBenchmarkScenario
{
    private const string PollId = "history-poll";

    public string Name => "history";

    public bool OnDisk => false;

    public async Task<ReportSection> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Options;
        var clock = new MovableClock();
        using var app = await BenchApp.StartAsync(context.ConnectionString, null, clock);
        var runner = new LoadRunner(app.Requests);
        await ViralSetup.CreatePollAsync(app, PollId, cancellationToken);

        // Day 0 is today; the year runs forward from it, and the reads happen two days after its last day.
        var firstDay = DateOnly.FromDateTime(DateTime.UtcNow);
        var midnight = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await PostYearAsync(app, runner, clock, midnight, options, cancellationToken);
        clock.Offset = midnight.AddDays(options.HistoryDays + 2) - DateTimeOffset.UtcNow;

        // The same one-day export before the day index exists (a scan of the kind) and after its first run (by key).
        var middle = midnight.AddDays(options.HistoryDays / 2);
        long scannedRows = 0;
        var scanned = await runner.RunAsync(HistoryOperations.Export(app, middle, middle.AddDays(1), rows => scannedRows = rows), 1, 1, cancellationToken);
        var covered = await HistoryOperations.KeyRangeEntitiesAsync(app, scanned.Storage.Queries, cancellationToken);
        var indexing = await runner.RunAsync(HistoryOperations.IndexDays(app), 1, 1, cancellationToken);
        var rollUp = await runner.RunAsync(HistoryOperations.RollUp(app), 1, 1, cancellationToken);
        long indexedRows = 0;
        var indexed = await runner.RunAsync(HistoryOperations.Export(app, middle, middle.AddDays(1), rows => indexedRows = rows), 1, 1, cancellationToken);

        var lastDay = firstDay.AddDays(options.HistoryDays);
        var statistics = await runner.RunAsync(HistoryOperations.Statistics(app, lastDay.AddDays(-Math.Min(options.HistoryDays, 365)), lastDay), 1, 1, cancellationToken);
        var access = await runner.RunAsync(HistoryOperations.Access(app, HistoryOperations.Email(0)), 1, 1, cancellationToken);
        var erase = await runner.RunAsync(HistoryOperations.Erase(app, HistoryOperations.Email(0)), 1, 1, cancellationToken);

        if (scannedRows != options.PerDay || indexedRows != options.PerDay)
        {
            throw new InvalidOperationException($"The one-day export holds {scannedRows} rows scanned and {indexedRows} through the index; {options.PerDay} comments were posted that day.");
        }

        return HistoryReport.Section(options, new HistoryExports(scanned, covered, indexed, scannedRows), indexing, rollUp, statistics, access, erase);
    }

    private static async Task PostYearAsync(BenchApp app, LoadRunner runner, MovableClock clock, DateTimeOffset midnight, BenchOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var comment = HistoryOperations.Comment(app);
        var vote = HistoryOperations.Vote(app, PollId);
        for (var day = 0; day < options.HistoryDays; day++)
        {
            // Midday, so nothing a day posts falls on the next whatever the calls take.
            clock.Offset = midnight.AddDays(day).AddHours(12) - DateTimeOffset.UtcNow;
            await runner.RunAsync(comment, options.PerDay, 4, cancellationToken);
            await runner.RunAsync(vote, options.PerDay, 4, cancellationToken);
            if ((day + 1) % 60 == 0)
            {
                Console.WriteLine($"  posted {day + 1} of {options.HistoryDays} days");
            }
        }

        Console.WriteLine($"  posted {options.HistoryDays * options.PerDay:N0} comments and as many votes through the app in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
    }
}
