using System.Diagnostics;

namespace Submissions.Benchmarks.Measuring;

/// <summary>A named operation to time; it must read or write the same rows every time it runs.</summary>
internal sealed record Operation(string Mode, Func<CancellationToken, Task<Outcome>> RunAsync);

/// <summary>Times operations against each other: warm-up, then repeats, with memory sampled during each run.</summary>
internal static class Runner
{
    /// <summary>
    /// Runs each operation once untimed (JIT, connection pool, the emulator's own warm-up) when asked, then
    /// <paramref name="repeats"/> timed rounds. A round runs every operation once, so drift in the emulator over the
    /// run (its heap grows, its GC pauses) falls on all modes alike rather than on whichever ran last.
    /// </summary>
    public static async Task<IReadOnlyList<Summary>> CompareAsync(
        IReadOnlyList<Operation> operations, int repeats, bool warmUp, string label, CancellationToken cancellationToken)
    {
        if (warmUp)
        {
            foreach (var operation in operations)
            {
                Console.WriteLine($"  {label} warm-up {operation.Mode}");
                await operation.RunAsync(cancellationToken);
            }
        }

        var runs = operations.ToDictionary(operation => operation.Mode, _ => new List<Run>());
        for (var round = 1; round <= repeats; round++)
        {
            foreach (var operation in operations)
            {
                var run = await TimeAsync(operation, cancellationToken);
                runs[operation.Mode].Add(run);
                Console.WriteLine(
                    $"  {label} {operation.Mode} run {round}/{repeats}: {run.Outcome.Rows:N0} rows in {run.Elapsed.TotalSeconds:F2} s " +
                    $"= {run.RowsPerSecond:N0} rows/s, app CPU {run.CpuMicrosecondsPerRow:F1} µs/row, peak heap {Units.Megabytes(run.Memory.PeakHeap)} MB");
            }
        }

        return [.. operations.Select(operation => new Summary(operation.Mode, runs[operation.Mode]))];
    }

    private static async Task<Run> TimeAsync(Operation operation, CancellationToken cancellationToken)
    {
        var memory = MemorySampler.Start();
        await using (memory)
        {
            var cpuBefore = ProcessCpu.Now();
            var started = Stopwatch.GetTimestamp();
            var outcome = await operation.RunAsync(cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var cpu = ProcessCpu.Now() - cpuBefore;
            return new Run(elapsed, cpu, outcome, await memory.StopAsync());
        }
    }
}
