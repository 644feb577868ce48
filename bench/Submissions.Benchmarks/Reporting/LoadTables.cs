using Submissions.Benchmarks.Measuring;

namespace Submissions.Benchmarks.Reporting;

/// <summary>The rows of the load tables (forms, deliveries, poll results) and of the summary at the top of the report.</summary>
internal static class LoadTables
{
    public static readonly string[] SummaryColumns =
        ["operation", "c=1 per s", "c=1 ÷ floor", "c=8 per s", "c=8 ÷ floor", "p50 / p99 ms, c=1", "p50 / p99 ms, c=8", "round trips", "app CPU µs"];

    public static string[] Columns(string first) =>
        [first, "c", "mode", "calls", "per s (median)", "÷ floor", "p50 ms", "p99 ms", "round trips/call", "app CPU µs/call", "allocated KB/call"];

    /// <summary>One operation at one concurrency, with its rate as a fraction of the floor's at the same concurrency.</summary>
    public static IReadOnlyList<string> Row(string what, LoadSummary summary, LoadSummary floor) =>
    [
        what,
        Units.Whole(summary.Concurrency),
        summary.Mode,
        Units.Whole(summary.Calls),
        Units.Whole(summary.MedianPerSecond),
        ReferenceEquals(summary, floor) ? "1.00" : FloorRatio.Format(summary.MedianPerSecond / floor.MedianPerSecond),
        Units.Milliseconds(summary.P50),
        Units.Milliseconds(summary.P99),
        Units.Hundredths(summary.RoundTripsPerCall),
        Units.Whole(summary.CpuMicrosecondsPerCall),
        Units.Tenths(summary.AllocatedPerCall / 1024),
    ];

    /// <summary>A summary row; an operation measured at one concurrency only leaves the other's cells as "—".</summary>
    public static IReadOnlyList<string> SummaryRow(string operation, (LoadSummary App, LoadSummary Floor)? one, (LoadSummary App, LoadSummary Floor)? eight)
    {
        static string Rate((LoadSummary App, LoadSummary Floor)? pair) => pair is { } p ? Units.Whole(p.App.MedianPerSecond) : "—";
        static string Ratio((LoadSummary App, LoadSummary Floor)? pair) => pair is { } p ? FloorRatio.Format(p.App.MedianPerSecond / p.Floor.MedianPerSecond) : "—";
        static string Latency((LoadSummary App, LoadSummary Floor)? pair) =>
            pair is { } p ? $"{Units.Milliseconds(p.App.P50)} / {Units.Milliseconds(p.App.P99)}" : "—";

        // Each figure once when both concurrencies agree; "c=1 / c=8" when they differ (retries under contention).
        static string Both(Func<LoadSummary, string> format, LoadSummary? first, LoadSummary? second)
        {
            var values = new[] { first, second }.OfType<LoadSummary>().Select(format).Distinct().ToList();
            return string.Join(" / ", values);
        }

        return
        [
            operation,
            Rate(one),
            Ratio(one),
            Rate(eight),
            Ratio(eight),
            Latency(one),
            Latency(eight),
            Both(summary => Units.Hundredths(summary.RoundTripsPerCall), one?.App, eight?.App),
            Both(summary => Units.Whole(summary.CpuMicrosecondsPerCall), one?.App, eight?.App),
        ];
    }
}
