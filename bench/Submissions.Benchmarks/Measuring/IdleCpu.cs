namespace Submissions.Benchmarks.Measuring;

/// <summary>
/// What this process spends doing nothing: its CPU over an idle period (timers, the GC, the host's background services)
/// as long as the longest timed run it is subtracted from (at least 1 s, at most 10 s), measured after the runs once the
/// JIT has gone quiet.
/// App CPU per call net of it is what the calls themselves cost.
/// </summary>
internal sealed record IdleCpu(TimeSpan Period, TimeSpan Cpu)
{
    public TimeSpan CpuPerSecond => Cpu / Period.TotalSeconds;

    /// <summary>The idle CPU scaled to a run of <paramref name="elapsed"/>.</summary>
    public TimeSpan For(TimeSpan elapsed) => Cpu * (elapsed / Period);

    public static async Task<IdleCpu> MeasureAsync(TimeSpan longestRun, CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromSeconds(Math.Clamp(longestRun.TotalSeconds, 1, 10));
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var before = ProcessCpu.Now();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(period, cancellationToken);
        return new IdleCpu(clock.Elapsed, ProcessCpu.Now() - before);
    }
}
