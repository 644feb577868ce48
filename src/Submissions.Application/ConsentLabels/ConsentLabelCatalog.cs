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
            return current is { } loaded && !IsStale(loaded) ? loaded.Catalog : await LoadAsync(cancellationToken);
        }
        finally
        {
            loadGate.Release();
        }
    }

    /// <summary>
    /// A catalog newer than <paramref name="seen"/>: before refusing a submission on the strength of a cached catalog,
    /// the form checks again against storage, so an instance that has not yet seen a label change never refuses what an
    /// up-to-date instance accepts (a new version answered, a label retired). Concurrent callers share one load; a
    /// refused submission thus costs one small read, no more than an accepted one's write.
    /// </summary>
    public async ValueTask<ConsentCatalog> RefreshAsync(ConsentCatalog seen, CancellationToken cancellationToken)
    {
        await loadGate.WaitAsync(cancellationToken);
        try
        {
            if (current is { } loaded && !ReferenceEquals(loaded.Catalog, seen))
            {
                return loaded.Catalog;
            }

            return await LoadAsync(cancellationToken);
        }
        finally
        {
            loadGate.Release();
        }
    }

    /// <summary>
    /// A catalog that holds every version named: the cached one, or a fresh one when a record names a version saved on
    /// another instance since this one loaded its catalog (so a stale cache never hides or drops a recorded answer).
    /// </summary>
    public async ValueTask<ConsentCatalog> CoveringAsync(IEnumerable<(string LabelId, int Version)> versions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var labels = await GetAsync(cancellationToken);
        return versions.All(version => labels.Find(version.LabelId, version.Version) is not null) ? labels : await RefreshAsync(labels, cancellationToken);
    }

    /// <summary>Called after this instance changed a label, so its own next request sees the change.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        current = null;
    }

    public void Dispose() => loadGate.Dispose();

    /// <summary>Under the load gate.</summary>
    private async Task<ConsentCatalog> LoadAsync(CancellationToken cancellationToken)
    {
        // A load that overlaps an Invalidate may have read the catalog before the change: use it, don't keep it. Its
        // age counts from before the read, so a snapshot is never younger than what it may be missing.
        var loadingGeneration = Interlocked.Read(ref generation);
        var startedAt = time.GetTimestamp();
        var catalog = await store.LoadCatalogAsync(cancellationToken);
        if (Interlocked.Read(ref generation) == loadingGeneration)
        {
            current = new Snapshot(catalog, startedAt);
        }

        return catalog;
    }

    private bool IsStale(Snapshot snapshot) =>
        time.GetElapsedTime(snapshot.LoadStartedAt).TotalSeconds >= options.Value.CacheSeconds;

    private sealed record Snapshot(ConsentCatalog Catalog, long LoadStartedAt);
}
