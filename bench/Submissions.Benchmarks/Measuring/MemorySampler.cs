namespace Submissions.Benchmarks.Measuring;

/// <summary>
/// Watches the managed heap while one measurement runs, on a background loop every few milliseconds:
/// <list type="bullet">
/// <item>peak heap: the largest <see cref="GC.GetTotalMemory(bool)"/> seen (no collection forced) — everything the heap
/// held at that moment, garbage not yet collected included, so it rises with the GC's gen0 budget as well as with what
/// the code keeps;</item>
/// <item>peak after GC: the largest heap left by any collection during the run (<see cref="GCMemoryInfo.HeapSizeBytes"/>
/// less fragmentation) — an upper bound on what the code kept alive, since a gen0 collection leaves older garbage;</item>
/// <item>allocated: <see cref="GC.GetTotalAllocatedBytes(bool)"/> over the run, the whole process (the sampler's own
/// few bytes per tick included).</item>
/// </list>
/// Each run starts after a full blocking collection, so one run's garbage does not count against the next.
/// </summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(5);

    private readonly CancellationTokenSource stop = new();
    private readonly long allocatedAtStart;
    private readonly Task loop;
    private long peakHeap;
    private long peakAfterGc;
    private long lastGcIndex;

    private MemorySampler()
    {
        // Just after a full collection: the heap is what is live, the floor of both peaks.
        peakHeap = peakAfterGc = GC.GetTotalMemory(forceFullCollection: false);
        lastGcIndex = GC.GetGCMemoryInfo(GCKind.Any).Index;
        allocatedAtStart = GC.GetTotalAllocatedBytes(precise: true);
        loop = Task.Run(SampleAsync);
    }

    public static MemorySampler Start()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return new MemorySampler();
    }

    /// <summary>Stops sampling (with one last sample) and returns the figures of the run.</summary>
    public async Task<MemoryFigures> StopAsync()
    {
        await stop.CancelAsync();
        await loop;
        Sample();
        return new MemoryFigures(peakHeap, peakAfterGc, GC.GetTotalAllocatedBytes(precise: true) - allocatedAtStart);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Sample()
    {
        peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
        var last = GC.GetGCMemoryInfo(GCKind.Any);
        if (last.Index != lastGcIndex)
        {
            lastGcIndex = last.Index;
            peakAfterGc = Math.Max(peakAfterGc, last.HeapSizeBytes - last.FragmentedBytes);
        }
    }
}

/// <summary>What <see cref="MemorySampler"/> saw in one run, in bytes.</summary>
internal sealed record MemoryFigures(long PeakHeap, long PeakAfterGc, long Allocated);
