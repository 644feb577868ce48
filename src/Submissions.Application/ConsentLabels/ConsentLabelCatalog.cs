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

            var catalog = await store.LoadCatalogAsync(cancellationToken);
            current = new Snapshot(catalog, time.GetTimestamp());
            return catalog;
        }
        finally
        {
            loadGate.Release();
        }
    }

    public void Invalidate() => current = null;

    public void Dispose() => loadGate.Dispose();

    private bool IsStale(Snapshot snapshot) =>
        time.GetElapsedTime(snapshot.LoadedAt).TotalSeconds >= options.Value.CacheSeconds;

    private sealed record Snapshot(ConsentCatalog Catalog, long LoadedAt);
}
