using Submissions.Benchmarks.Measuring;

namespace Submissions.Benchmarks.Reporting;

/// <summary>The rows of the load tables (forms, deliveries, poll results) and of the summary at the top of the report.</summary>
internal static class LoadTables
{
    public static readonly string[] SummaryColumns =
        ["operation", "c=1 per s", "c=1 ÷ floor", "c=8 per s", "c=8 ÷ floor", "÷ honest floor, c=1 / c=8", "÷ same round trips, c=1 / c=8", "p50 / p99 ms, c=1", "p50 / p99 ms, c=8", "round trips", "stages", "app CPU µs net of idle"];

    public static string[] Columns(string first) =>
        [first, "c", "mode", "calls", "per s (median)", "÷ floor", "p50 ms", "p99 ms", "round trips/call", "app CPU µs/call", "net of idle", "allocated KB/call"];

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
        Units.Whole(summary.NetCpuMicrosecondsPerCall),
        Units.Tenths(summary.AllocatedPerCall / 1024),
    ];

    /// <summary>
    /// A summary row; an operation measured at one concurrency only leaves the other's cells as "—". The honest floor is
    /// the bare work the operation cannot avoid (see <see cref="HonestFloorNote"/>): the app's rate ÷ that floor's at
    /// each concurrency.
    /// </summary>
    public static IReadOnlyList<string> SummaryRow(
        string operation,
        (LoadSummary App, LoadSummary Floor)? one,
        (LoadSummary App, LoadSummary Floor)? eight,
        (LoadSummary App, LoadSummary Floor)? honestOne = null,
        (LoadSummary App, LoadSummary Floor)? honestEight = null,
        (LoadSummary App, LoadSummary Floor)? sameOne = null,
        (LoadSummary App, LoadSummary Floor)? sameEight = null)
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
            $"{Ratio(honestOne)} / {Ratio(honestEight)}",
            sameOne is null && sameEight is null ? "—" : $"{Ratio(sameOne)} / {Ratio(sameEight)}",
            Latency(one),
            Latency(eight),
            Both(summary => Units.Hundredths(summary.RoundTripsPerCall), one?.App, eight?.App),
            Both(summary => Units.Hundredths(summary.Storage.StagesPerOperation), one?.App, eight?.App),
            Both(summary => Units.Whole(summary.NetCpuMicrosecondsPerCall), one?.App, eight?.App),
        ];
    }

    public const string HonestFloorNote =
        "÷ honest floor: the app's rate ÷ that of the least storage work the operation needs, in the same run at the same " +
        "concurrency — a form: one entity-group transaction of the same rows its transaction writes (the bare transaction); " +
        "poll results: a point read of one entity (results kept in one row); a partner delivery: three storage round trips " +
        "in sequence (read the owed row, claim it under its ETag, mark it delivered) around the same signed POST. Above " +
        "1.00 only by noise. ÷ same round trips (forms): the app's rate ÷ that bare transaction's with the round trips the " +
        "form cannot drop around it (the person's index row and an Idempotency-Key marker before, the queue send it owes " +
        "after), so what is left is the app's own work.";
}
