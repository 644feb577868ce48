namespace Submissions.Benchmarks.Measuring;

/// <summary>What one timed operation reports: the rows it read or wrote and the bytes it sent (0 when it sends none).</summary>
internal sealed record Outcome(long Rows, long BytesOut);

/// <summary>
/// One timed run of one operation. <paramref name="CpuTime"/> is this process's CPU time over the run (all threads, GC
/// included; Azurite is another process): what the app itself spends, however fast or slow the emulator answers.
/// </summary>
internal sealed record Run(TimeSpan Elapsed, TimeSpan CpuTime, Outcome Outcome, MemoryFigures Memory)
{
    public double RowsPerSecond => Outcome.Rows / Elapsed.TotalSeconds;

    public double CpuMicrosecondsPerRow => CpuTime.TotalMicroseconds / Math.Max(1, Outcome.Rows);
}

/// <summary>
/// The repeats of one operation, summarised: the median rows/s (robust to one run disturbed by the emulator's own
/// garbage collection), and the largest peaks of any repeat (memory is a bound, so the worst run is the one to report).
/// </summary>
internal sealed record Summary(string Mode, IReadOnlyList<Run> Runs)
{
    public double MedianRowsPerSecond => Statistics.Median(Runs.Select(run => run.RowsPerSecond));

    public long Rows => Runs[0].Outcome.Rows;

    public long BytesOut => Runs[0].Outcome.BytesOut;

    public double CpuMicrosecondsPerRow => Statistics.Median(Runs.Select(run => run.CpuMicrosecondsPerRow));

    public long PeakHeap => Runs.Max(run => run.Memory.PeakHeap);

    public long PeakAfterGc => Runs.Max(run => run.Memory.PeakAfterGc);

    public double AllocatedPerRow => Statistics.Median(Runs.Select(run => (double)run.Memory.Allocated / Math.Max(1, run.Outcome.Rows)));
}
