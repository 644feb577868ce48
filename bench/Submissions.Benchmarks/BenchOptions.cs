using System.Globalization;

namespace Submissions.Benchmarks;

/// <summary>
/// Command-line options (after `--`), e.g. `--Scenarios forms --Submissions 200 --Output ""`. The defaults make the
/// whole run take about ten minutes on two cores.
/// </summary>
internal sealed class BenchOptions
{
    /// <summary>Export sizes, ascending: each size is reached by adding rows to the same table.</summary>
    public string Rows { get; set; } = "10000,200000";

    /// <summary>Timed runs per export mode after the warm-up; the report gives the median.</summary>
    public int Repeats { get; set; } = 5;

    /// <summary>
    /// Timed runs per operation at sizes of <see cref="LargeSize"/> rows and more. Azurite re-filters and re-sorts the
    /// whole table for every 1,000-row page, so one read of 200,000 rows takes it about a minute on 2 cores: three
    /// modes × 3 runs would hold the run for 8 minutes.
    /// </summary>
    public int LargeRepeats { get; set; } = 1;

    public const int LargeSize = 50_000;

    /// <summary>Calls per timed run of a form (and of its bare AddEntity), at each concurrency.</summary>
    public int Submissions { get; set; } = 400;

    /// <summary>Deliveries per timed run (and bare POSTs per run of the floor).</summary>
    public int Deliveries { get; set; } = 300;

    /// <summary>Poll sizes for the results read, ascending: each is a poll of its own, seeded before it is measured.</summary>
    public string Votes { get; set; } = "100,100000";

    /// <summary>Results reads per timed run (and point reads per run of the floor), at each concurrency.</summary>
    public int Reads { get; set; } = 400;

    /// <summary>Votes cast through the app before each measured recount (their journal rows are what it folds).</summary>
    public int RecountVotes { get; set; } = 200;

    /// <summary>Recounts measured per poll size.</summary>
    public int Recounts { get; set; } = 3;

    /// <summary>Timed runs per case of the load scenarios (forms, deliveries, poll results); the report gives the median rate.</summary>
    public int LoadRepeats { get; set; } = 3;

    /// <summary>Untimed calls of each case of a load scenario before its first timed run.</summary>
    public int WarmUp { get; set; } = 100;

    /// <summary>Votes cast on one poll in the viral case (by distinct voters, <see cref="ViralConcurrency"/> in flight).</summary>
    public int Voters { get; set; } = 2000;

    /// <summary>Entries to one promotion in the viral case, each then confirmed through the confirm link.</summary>
    public int Entrants { get; set; } = 400;

    /// <summary>Reads of one page's comments, and of one poll's results, in the viral case.</summary>
    public int Views { get; set; } = 2000;

    /// <summary>Calls in flight in the viral cases.</summary>
    public int ViralConcurrency { get; set; } = 32;

    /// <summary>Days of history the history scenario posts through the app, its clock moved one day at a time.</summary>
    public int HistoryDays { get; set; } = 365;

    /// <summary>Comments (and as many votes) posted per day of history.</summary>
    public int PerDay { get; set; } = 4;

    /// <summary>A fixed delay added to every storage request (ms), to show what round trips cost off loopback.</summary>
    public int StorageDelayMs { get; set; }

    /// <summary>The report, relative to the repository root; empty to print only.</summary>
    public string Output { get; set; } = "docs/performance.md";

    /// <summary>Only the scenarios whose name is listed (comma-separated); empty for all but the opt-in ones (startup).</summary>
    public string Scenarios { get; set; } = string.Empty;

    public int RepeatsFor(int size) => size >= LargeSize ? LargeRepeats : Repeats;

    public IReadOnlyList<int> RowCounts() => Sizes(Rows);

    public IReadOnlyList<int> VoteCounts() => Sizes(Votes);

    public bool Includes(string scenario, bool optIn) =>
        Scenarios.Length == 0 ? !optIn : Scenarios.Split(',', StringSplitOptions.TrimEntries).Contains(scenario, StringComparer.OrdinalIgnoreCase);

    private static List<int> Sizes(string list) =>
        [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(value => int.Parse(value, CultureInfo.InvariantCulture)).Order()];
}
