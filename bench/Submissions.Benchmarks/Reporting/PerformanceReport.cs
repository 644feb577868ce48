using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;

namespace Submissions.Benchmarks.Reporting;

/// <summary>Writes docs/performance.md: the fixed introduction, the environment of this run, then every section.</summary>
internal static class PerformanceReport
{
    public const string Command = "dotnet run -c Release --project bench/Submissions.Benchmarks";

    public static string Render(IEnumerable<ReportSection> sections, string environment)
    {
        var text = new StringBuilder();
        text.AppendLine("# Performance");
        text.AppendLine();
        text.AppendLine("Measured by the benchmark harness in `bench/Submissions.Benchmarks` and written by it: do not edit by hand,");
        text.AppendLine("run it again. It starts its own Azurite (in-memory, on free loopback ports, stopped by PID at the end), builds");
        text.AppendLine("the function app from its real composition root (Development, a table prefix per scenario), seeds rows straight");
        text.AppendLine("into the tables with entity-group transactions, and measures each scenario next to a bare Azure SDK call on the");
        text.AppendLine("same rows in the same run.");
        text.AppendLine();
        text.AppendLine("```bash");
        text.AppendLine("npm ci --no-audit --no-fund --loglevel=error   # Azurite, pinned in package.json");
        text.AppendLine(Command);
        text.AppendLine("```");
        text.AppendLine();
        text.AppendLine("Options go after `--`: `--Rows 10000,200000` (export sizes), `--Repeats 5` (timed runs per mode; `--LargeRepeats 1`");
        text.AppendLine("from 50,000 rows), `--Scenarios exports` (a subset), `--Output docs/performance.md` (empty: print only).");
        text.AppendLine("It is not a test and is not part of `.ci/run`; CI only builds it.");
        text.AppendLine();
        text.AppendLine("**Read the ratios, not the absolute numbers.** Azurite is an emulator: one Node.js process holding every table");
        text.AppendLine("in memory and evaluating each query's filter itself, on the same 2 cores as the app and the harness. Absolute");
        text.AppendLine("rows per second are bound by it and say little about Azure Table Storage; how far the app falls below the bare");
        text.AppendLine("SDK call on the same rows, and how its memory changes with size, are what this measures.");
        text.AppendLine();
        text.AppendLine(environment);
        foreach (var section in sections)
        {
            text.AppendLine();
            AppendSection(text, section);
        }

        return text.ToString();
    }

    /// <summary>Date, machine, runtime, GC mode and emulator version: what the figures depend on.</summary>
    public static string EnvironmentLine(string azuriteVersion, TimeSpan duration, string loadAtStart) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC in {duration.TotalMinutes:F1} min · {RuntimeInformation.OSDescription} · " +
            $"{System.Environment.ProcessorCount} cores · {RuntimeInformation.FrameworkDescription} · " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC · {Configuration()} build · Azurite {azuriteVersion} (in-memory) · " +
            $"load average at start {loadAtStart}, at end {LoadAverage()}.");

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

    private static void AppendSection(StringBuilder text, ReportSection section)
    {
        text.AppendLine("## " + section.Title);
        text.AppendLine();
        text.AppendLine(section.Description);
        text.AppendLine();
        text.AppendLine("| " + string.Join(" | ", section.Columns) + " |");
        text.AppendLine("|" + string.Concat(section.Columns.Select(_ => "---|")));
        foreach (var row in section.Rows)
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        if (section.Notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in section.Notes)
            {
                text.AppendLine("- " + note);
            }
        }
    }
}
