using Microsoft.Extensions.Options;
using Submissions.Domain.Consent;
using Submissions.Storage.ConsentLabels;

namespace Submissions.Application.ConsentLabels;

/// <summary>
/// The consent catalog, cached per instance so that a submission does not pay a storage round trip to learn which
/// labels it must answer. One load at a time; readers never wait while a fresh snapshot exists.
/// </summary>
public sealed class ConsentLabelCatalog(ConsentLabelStore store, TimeProvider time, IOptions<ConsentCatalogOptions> options) : IDisposable
{
    private readonly SemaphoreSlim loadGate = new(1, 1);
    private volatile Snapshot? current;
    private long generation;

    public async ValueTask<ConsentCatalog> GetAsync(CancellationToken cancellationToken)
    {
        if (current is { } fresh && !IsStale(fresh))
        {
            return fresh.Catalog;
        }

        await loadGate.WaitAsync(cancellationToken);
        try
        {
            if (current is { } loaded && !IsStale(loaded))
            {
                return loaded.Catalog;
            }

            // A load that overlaps an Invalidate may have read the catalog before the change: use it, don't keep it.
            var loadingGeneration = Interlocked.Read(ref generation);
            var catalog = await store.LoadCatalogAsync(cancellationToken);
            if (Interlocked.Read(ref generation) == loadingGeneration)
            {
                current = new Snapshot(catalog, time.GetTimestamp());
            }

            return catalog;
        }
        finally
        {
            loadGate.Release();
        }
    }

    /// <summary>Called after this instance changed a label, so its own next request sees the change.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        current = null;
    }

    public void Dispose() => loadGate.Dispose();

    private bool IsStale(Snapshot snapshot) =>
        time.GetElapsedTime(snapshot.LoadedAt).TotalSeconds >= options.Value.CacheSeconds;

    private sealed record Snapshot(ConsentCatalog Catalog, long LoadedAt);
}
