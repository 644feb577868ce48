using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;

namespace Submissions.Benchmarks.Reporting;

/// <summary>Writes docs/performance.md: the fixed introduction, the environment of this run, then every section.</summary>
internal static class PerformanceReport
{
    public const string Command = "dotnet run -c Release --project bench/Submissions.Benchmarks";

    public static string Render(IReadOnlyList<ReportSection> sections, string environment)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var text = new StringBuilder();
        text.AppendLine("# Performance");
        text.AppendLine();
        text.AppendLine("Measured by the benchmark harness in `bench/Submissions.Benchmarks` and written by it: do not edit by hand,");
        text.AppendLine("run it again. Each scenario gets a fresh Azurite of its own (on free loopback ports, stopped by PID; in memory,");
        text.AppendLine("or on disk for the queue-heavy deliveries), builds the function app from its real composition root (Development,");
        text.AppendLine("storage round trips counted by an Azure SDK pipeline policy), calls its functions and handlers as the Functions");
        text.AppendLine("host would, and measures each next to its floor — the bare Azure SDK call or HTTP POST doing the same work — in");
        text.AppendLine("the same run. Seeded data goes straight into the tables with entity-group transactions.");
        text.AppendLine();
        text.AppendLine("```bash");
        text.AppendLine("npm ci --no-audit --no-fund --loglevel=error   # Azurite, pinned in package.json");
        text.AppendLine(Command);
        text.AppendLine("```");
        text.AppendLine();
        text.AppendLine("Options go after `--`: `--Scenarios forms,deliveries,poll-results,exports,viral,history` (a subset),");
        text.AppendLine("`--Submissions 400` (calls per timed run of each form), `--Deliveries 300`, `--Votes 100,100000` (poll sizes),");
        text.AppendLine("`--Reads 400`, `--RecountVotes 200` and `--Recounts 3` (votes cast before each measured recount, recounts per size),");
        text.AppendLine("`--LoadRepeats 3` (timed runs per case), `--WarmUp 100`, `--Rows 10000,200000` (export sizes),");
        text.AppendLine("`--Repeats 5` (`--LargeRepeats 1` from 50,000 rows); the viral cases: `--Voters 2000` (votes on one poll),");
        text.AppendLine("`--Entrants 400` (entries to one promotion, each then confirmed), `--Views 2000` (reads of one page's comments and");
        text.AppendLine("of one poll's results), `--ViralConcurrency 32` (calls in flight); the history: `--HistoryDays 365` and");
        text.AppendLine("`--PerDay 4` (comments and votes a day posted through the app, its clock moved day by day); `--StorageDelayMs 0`");
        text.AppendLine("(a fixed delay added to every storage request, e.g. 5, to show what round trips and stages cost where storage is");
        text.AppendLine("not on loopback); `--Output docs/performance.md` (empty: print only). It is not a test and is not part of");
        text.AppendLine("`.ci/run`; CI only builds it. `--Scenarios startup` (cold starts of the published app against a trivial one)");
        text.AppendLine("runs only when named.");
        text.AppendLine();
        text.AppendLine("**Read the ratios, not the absolute numbers.** Azurite is an emulator: one Node.js process holding every table");
        text.AppendLine("in memory and evaluating each query's filter itself, on the same 2 cores as the app and the harness. Absolute");
        text.AppendLine("rates and latencies are bound by it and say little about Azure Table Storage; how far the app falls below its");
        text.AppendLine("floor in the same run, the storage round trips it pays per operation and the CPU it spends itself are what this");
        text.AppendLine("measures.");
        text.AppendLine();
        text.AppendLine("**Figures from a loaded machine are noise.** Anything else running on those cores (a build, tests, another");
        text.AppendLine("benchmark) slows the app, its floor and Azurite unevenly: ratios move by tens of percent and can even exceed");
        text.AppendLine($"1.00 (marked {FloorRatio.Mark}). The line below gives the load average at the start and end of the run; trust a run");
        text.AppendLine("that started on an idle machine, and run again rather than read much into one that did not.");
        text.AppendLine();
        text.AppendLine(environment);

        AppendSummary(text, sections);
        AppendStorage(text, sections);

        foreach (var section in sections)
        {
            text.AppendLine();
            AppendSection(text, section);
        }

        return text.ToString();
    }

    /// <summary>Date, machine, runtime, GC mode and emulator version: what the figures depend on.</summary>
    public static string EnvironmentLine(string azuriteVersion, TimeSpan duration, string loadAtStart, TimeSpan storageDelay) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Mode(storageDelay)}{System.Environment.NewLine}{System.Environment.NewLine}Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC in {duration.TotalMinutes:F1} min · {RuntimeInformation.OSDescription} · " +
            $"{System.Environment.ProcessorCount} cores · {RuntimeInformation.FrameworkDescription} · " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC · {Configuration()} build · Azurite {azuriteVersion} · " +
            $"load average at start {loadAtStart}, at end {LoadAverage()}.");

    /// <summary>Which mode produced the report: storage on loopback as it answers, or every request delayed.</summary>
    private static string Mode(TimeSpan storageDelay) =>
        storageDelay > TimeSpan.Zero
            ? string.Create(CultureInfo.InvariantCulture, $"**Mode: every storage request delayed by {storageDelay.TotalMilliseconds:N0} ms** (`--StorageDelayMs`), as if storage were that far away; rates and latencies are not comparable with a loopback run, round trips and stages are.")
            : "**Mode: storage on loopback, no added delay** (`--StorageDelayMs 0`).";

    /// <summary>
    /// The 1-, 5- and 15-minute load averages (Linux; "n/a" elsewhere). Other work on the machine slows the app and
    /// Azurite alike, but it makes single runs noisy: the report says how busy the machine was.
    /// </summary>
    public static string LoadAverage()
    {
        const string Path = "/proc/loadavg";
        return File.Exists(Path) ? string.Join(' ', File.ReadAllText(Path).Split(' ').Take(3)) : "n/a";
    }

    private static string Configuration()
    {
#if DEBUG
        return "Debug (figures not representative: run with -c Release)";
#else
        return "Release";
#endif
    }

    /// <summary>The summary at the top: one row per operation of the load scenarios, with the notes its columns need.</summary>
    private static void AppendSummary(StringBuilder text, IReadOnlyList<ReportSection> sections)
    {
        var summary = sections.SelectMany(section => section.Summary ?? []).ToList();
        if (summary.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("## Summary");
            text.AppendLine();
            text.AppendLine("Per operation: median rate at concurrency 1 and 8 and its fraction of the floor's (÷ floor), latency percentiles,");
            text.AppendLine("storage round trips and this process's CPU time per operation (\"c=1 / c=8\" where they differ). Details and");
            text.AppendLine("method under each section.");
            text.AppendLine();
            AppendTable(text, LoadTables.SummaryColumns, summary);
            text.AppendLine();
            text.AppendLine("- " + LoadTables.HonestFloorNote);
            text.AppendLine("- stages: sequential storage stages per operation (see Storage per operation); app CPU µs net of idle: this " +
                "process's CPU over a run less its CPU over an idle period as long as the longest run of the comparison, " +
                "measured after it once the JIT has gone quiet and scaled to the run's length, ÷ calls (median of the runs).");
            if (FloorRatio.AnyMarked(summary))
            {
                text.AppendLine("- " + FloorRatio.Note);
            }
        }
    }

    /// <summary>Storage per operation: every scenario's counted operations, with the ceilings they imply.</summary>
    private static void AppendStorage(StringBuilder text, IReadOnlyList<ReportSection> sections)
    {
        var storage = sections.SelectMany(section => section.Storage ?? []).ToList();
        if (storage.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("## Storage per operation");
            text.AppendLine();
            text.AppendLine(StorageTable.Introduction);
            text.AppendLine();
            AppendTable(text, StorageTable.Columns, storage.Select(StorageTable.Row));
        }
    }

    private static void AppendTable(StringBuilder text, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        text.AppendLine("| " + string.Join(" | ", columns) + " |");
        text.AppendLine("|" + string.Concat(columns.Select(_ => "---|")));
        foreach (var row in rows)
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }
    }

    private static void AppendSection(StringBuilder text, ReportSection section)
    {
        text.AppendLine("## " + section.Title);
        text.AppendLine();
        text.AppendLine(section.Description);
        text.AppendLine();
        AppendTable(text, section.Columns, section.Rows);

        IReadOnlyList<string> notes = FloorRatio.AnyMarked(section.Rows) ? [.. section.Notes, FloorRatio.Note] : section.Notes;
        if (notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in notes)
            {
                text.AppendLine("- " + note);
            }
        }
    }
}
