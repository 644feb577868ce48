namespace Submissions.Benchmarks;

/// <summary>Command-line options (after `--`): `--Rows 10000,200000 --Repeats 5 --LargeRepeats 1 --Output docs/performance.md`.</summary>
internal sealed class BenchOptions
{
    /// <summary>Export sizes, ascending: each size is reached by adding rows to the same table.</summary>
    public string Rows { get; set; } = "10000,200000";

    /// <summary>Timed runs per operation after the warm-up; the report gives the median.</summary>
    public int Repeats { get; set; } = 5;

    /// <summary>
    /// Timed runs per operation at sizes of <see cref="LargeSize"/> rows and more. Azurite re-filters and re-sorts the
    /// whole table for every 1,000-row page, so one read of 200,000 rows takes it about a minute on 2 cores: three
    /// modes × 3 runs would hold the run for 8 minutes.
    /// </summary>
    public int LargeRepeats { get; set; } = 1;

    public const int LargeSize = 50_000;

    /// <summary>The report, relative to the repository root; empty to print only.</summary>
    public string Output { get; set; } = "docs/performance.md";

    /// <summary>Only the scenarios whose name is listed (comma-separated); empty for all.</summary>
    public string Scenarios { get; set; } = string.Empty;

    public int RepeatsFor(int size) => size >= LargeSize ? LargeRepeats : Repeats;

    public IReadOnlyList<int> RowCounts() =>
        [.. Rows.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(value => int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)).Order()];

    public bool Includes(string scenario) =>
        Scenarios.Length == 0 || Scenarios.Split(',', StringSplitOptions.TrimEntries).Contains(scenario, StringComparer.OrdinalIgnoreCase);
}
