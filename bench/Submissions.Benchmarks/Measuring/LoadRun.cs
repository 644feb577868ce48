namespace Submissions.Benchmarks.Measuring;

/// <summary>
/// One timed run of <see cref="Count"/> calls at <see cref="Concurrency"/>: wall time, each call's latency, and what
/// the whole process spent meanwhile — CPU time (every thread, GC included; Azurite is another process), bytes
/// allocated, storage round trips counted by the SDK pipeline policy.
/// </summary>
internal sealed record LoadRun(int Count, int Concurrency, TimeSpan Elapsed, TimeSpan CpuTime, long RoundTrips, long Allocated, double[] LatenciesMs)
{
    public double PerSecond => Count / Elapsed.TotalSeconds;

    public double CpuMicrosecondsPerCall => CpuTime.TotalMicroseconds / Count;

    public double AllocatedPerCall => (double)Allocated / Count;
}

/// <summary>
/// The timed runs of one operation at one concurrency: the median rate and CPU of the runs (robust to one run that
/// met the emulator's garbage collection), latency percentiles over every call of every run pooled (so p99 rests on
/// hundreds of calls, not on one run's few slowest), and round trips as the total over all calls.
/// </summary>
internal sealed record LoadSummary(string Mode, int Concurrency, IReadOnlyList<LoadRun> Runs)
{
    public int Calls => Runs.Sum(run => run.Count);

    public double MedianPerSecond => Statistics.Median(Runs.Select(run => run.PerSecond));

    public double CpuMicrosecondsPerCall => Statistics.Median(Runs.Select(run => run.CpuMicrosecondsPerCall));

    public double AllocatedPerCall => Statistics.Median(Runs.Select(run => run.AllocatedPerCall));

    public double RoundTripsPerCall => (double)Runs.Sum(run => run.RoundTrips) / Calls;

    public double P50 => Statistics.Percentile(Latencies, 50);

    public double P99 => Statistics.Percentile(Latencies, 99);

    private double[] Latencies => field ??= [.. Runs.SelectMany(run => run.LatenciesMs).Order()];
}
