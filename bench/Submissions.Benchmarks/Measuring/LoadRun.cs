using Submissions.Benchmarks.Accounting;

namespace Submissions.Benchmarks.Measuring;

/// <summary>
/// One timed run of <see cref="Count"/> calls at <see cref="Concurrency"/>: wall time, each call's latency, and what
/// the whole process spent meanwhile — CPU time (every thread, GC included; Azurite is another process), bytes
/// allocated, storage round trips counted by the SDK pipeline policy — and <paramref name="Storage"/>, each call's own storage
/// work (stages, entities per partition, queue sends).
/// </summary>
internal sealed record LoadRun(int Count, int Concurrency, TimeSpan Elapsed, TimeSpan CpuTime, long RoundTrips, long Allocated, double[] LatenciesMs, StorageTally Storage)
{
    public double PerSecond => Count / Elapsed.TotalSeconds;

    public double CpuMicrosecondsPerCall => CpuTime.TotalMicroseconds / Count;

    public double AllocatedPerCall => (double)Allocated / Count;
}

/// <summary>
/// The timed runs of one operation at one concurrency: the median rate and CPU of the runs (robust to one run that
/// met the emulator's garbage collection), latency percentiles over every call of every run pooled (so p99 rests on
/// hundreds of calls, not on one run's few slowest), and round trips as the total over all calls. Net CPU: each run's
/// CPU less what the process spent over as long an idle period (<paramref name="Idle"/>), median of the runs.
/// </summary>
internal sealed record LoadSummary(string Mode, int Concurrency, IReadOnlyList<LoadRun> Runs, IdleCpu? Idle = null)
{
    public int Calls => Runs.Sum(run => run.Count);

    public double MedianPerSecond => Statistics.Median(Runs.Select(run => run.PerSecond));

    public double CpuMicrosecondsPerCall => Statistics.Median(Runs.Select(run => run.CpuMicrosecondsPerCall));

    public double NetCpuMicrosecondsPerCall => Statistics.Median(Runs.Select(run =>
        Math.Max(0, run.CpuTime.TotalMicroseconds - (Idle?.For(run.Elapsed).TotalMicroseconds ?? 0)) / run.Count));

    /// <summary>Every call's storage work over all the runs.</summary>
    public StorageTally Storage => field ??= StorageTally.Merge(Runs.Select(run => run.Storage));

    public double AllocatedPerCall => Statistics.Median(Runs.Select(run => run.AllocatedPerCall));

    public double RoundTripsPerCall => (double)Runs.Sum(run => run.RoundTrips) / Calls;

    public double P50 => Statistics.Percentile(Latencies, 50);

    public double P99 => Statistics.Percentile(Latencies, 99);

    private double[] Latencies => field ??= [.. Runs.SelectMany(run => run.LatenciesMs).Order()];
}
