using System.Diagnostics;
using Submissions.Benchmarks.Accounting;

namespace Submissions.Benchmarks.Measuring;

/// <summary>
/// One operation at one concurrency: a row of a load table. <paramref name="Calls"/> overrides the run's call count, for
/// a floor so much faster than the operation that the same count would time a few milliseconds.
/// </summary>
internal sealed record LoadCase(LoadOperation Operation, int Concurrency, int? Calls = null);

/// <summary>
/// Puts operations under load: a fixed number of calls kept <c>concurrency</c> at a time in flight (a closed loop, as
/// that many clients each waiting for their answer before sending the next), each call timed on its own. Call numbers
/// are handed out once per runner, so no two calls of a scenario share an email, voter or key. Any answer other than
/// 2xx stops the scenario: a rate that counts refusals would measure the refusal, not the work.
/// </summary>
internal sealed class LoadRunner(StorageAccounting requests)
{
    private int nextCall;

    /// <summary>
    /// Runs each case once untimed with <paramref name="warmUpCalls"/> calls (JIT and tiering, connection pools, caches,
    /// the emulator's own warm-up), waits for the JIT to go quiet, then <paramref name="repeats"/> rounds in which every
    /// case runs <paramref name="calls"/> calls in turn, in alternating order — so drift over the run (tables growing,
    /// the emulator's GC) falls on all cases alike rather than on whichever ran last.
    /// </summary>
    public async Task<IReadOnlyList<LoadSummary>> CompareAsync(
        IReadOnlyList<LoadCase> cases, int calls, int repeats, int warmUpCalls, string label, CancellationToken cancellationToken)
    {
        if (warmUpCalls > 0)
        {
            foreach (var (operation, concurrency, _) in cases)
            {
                var warm = await RunAsync(operation, warmUpCalls, concurrency, cancellationToken);
                Console.WriteLine($"  {label} warm-up {operation.Mode} c={concurrency}: {warm.PerSecond:N0}/s");
            }
        }

        await JitSettle.WaitAsync(cancellationToken);
        var runs = cases.Select(_ => new List<LoadRun>()).ToArray();
        for (var round = 1; round <= repeats; round++)
        {
            // Every other round runs the cases in reverse, so no case always goes first after a warm-up or a seeding.
            foreach (var i in round % 2 == 1 ? Enumerable.Range(0, cases.Count) : Enumerable.Range(0, cases.Count).Reverse())
            {
                var (operation, concurrency, count) = cases[i];
                var run = await RunAsync(operation, count ?? calls, concurrency, cancellationToken);
                runs[i].Add(run);
                Console.WriteLine(
                    $"  {label} {operation.Mode} c={concurrency} run {round}/{repeats}: {run.Count:N0} in {run.Elapsed.TotalSeconds:F2} s " +
                    $"= {run.PerSecond:N0}/s, p50 {Statistics.Percentile([.. run.LatenciesMs.Order()], 50):F1} ms, " +
                    $"{(double)run.RoundTrips / run.Count:F2} round trips, app CPU {run.CpuMicrosecondsPerCall:N0} µs each");
            }
        }

        // After the JIT has compiled what the runs made hot: its backlog is the runs' cost, not the idle process's.
        await JitSettle.WaitAsync(cancellationToken);
        var idle = await IdleCpu.MeasureAsync(runs.SelectMany(list => list).Max(run => run.Elapsed), cancellationToken);
        Console.WriteLine($"  {label} idle baseline: {idle.CpuPerSecond.TotalMilliseconds:F1} ms CPU per idle second (over {idle.Period.TotalSeconds:F1} s)");
        return [.. cases.Select((@case, i) => new LoadSummary(@case.Operation.Mode, @case.Concurrency, runs[i], idle))];
    }

    /// <summary>One timed run; the calls' inputs are built before the clock starts.</summary>
    public async Task<LoadRun> RunAsync(LoadOperation operation, int calls, int concurrency, CancellationToken cancellationToken)
    {
        var first = Interlocked.Add(ref nextCall, calls) - calls;
        var prepared = Enumerable.Range(first, calls).Select(operation.Prepare).ToArray();
        var latencies = new double[calls];
        var statuses = new int[calls];
        var storage = new StorageTally();
        var next = -1;

        async Task WorkerAsync()
        {
            // Each worker goes straight to the thread pool, so the concurrency is real from the first call.
            await Task.Yield();
            for (var i = Interlocked.Increment(ref next); i < calls; i = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                using (StorageAccounting.Begin(storage))
                {
                    statuses[i] = await prepared[i](cancellationToken);
                }

                StorageAccounting.Leave();
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }

        // Start from a collected heap, so one run's garbage (or the seeding's) is not collected on the next run's time.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();

        var roundTripsBefore = requests.Count;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var cpuBefore = ProcessCpu.Now();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => WorkerAsync()));
        clock.Stop();
        var cpu = ProcessCpu.Now() - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        var roundTrips = requests.Count - roundTripsBefore;

        var refused = statuses.Where(status => status is < 200 or >= 300).ToList();
        if (refused.Count > 0)
        {
            var answers = string.Join(", ", refused.CountBy(status => status).Select(pair => $"{pair.Value} × {pair.Key}"));
            throw new InvalidOperationException(
                $"{operation.Mode} at concurrency {concurrency}: {refused.Count} of {calls} calls were not accepted ({answers}); nothing is reported for a run that was refused.");
        }

        return new LoadRun(calls, concurrency, clock.Elapsed, cpu, roundTrips, allocated, latencies, storage);
    }
}
