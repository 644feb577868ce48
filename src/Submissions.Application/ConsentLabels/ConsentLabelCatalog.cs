using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Domain.Consent;
using Submissions.Storage;
using Submissions.Storage.ConsentLabels;

namespace Submissions.Application.ConsentLabels;

/// <summary>
/// The consent catalog, cached per instance so that a submission does not pay a storage round trip to learn which
/// labels it must answer. Fresh for CacheSeconds; after that a request still gets the cached catalog at once while one
/// background load replaces it (stale-while-revalidate), up to <see cref="ConsentCatalogOptions.MaxStaleSeconds"/>,
/// past which a request waits for a load. One load at a time.
/// </summary>
public sealed partial class ConsentLabelCatalog(
    ConsentLabelStore store, TimeProvider time, IOptions<ConsentCatalogOptions> options, ILogger<ConsentLabelCatalog> logger) : IDisposable
{
    private readonly SemaphoreSlim loadGate = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private volatile Snapshot? current;
    private long generation;
    private int refreshing;

    public async ValueTask<ConsentCatalog> GetAsync(CancellationToken cancellationToken)
    {
        if (current is { } cached)
        {
            var age = time.GetElapsedTime(cached.LoadStartedAt).TotalSeconds;
            if (age < options.Value.CacheSeconds)
            {
                return cached.Catalog;
            }

            if (age < options.Value.MaxStaleSeconds)
            {
                RefreshInBackground();
                return cached.Catalog;
            }
        }

        await loadGate.WaitAsync(cancellationToken);
        try
        {
            // A background load that held the gate may just have replaced the catalog.
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

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
        loadGate.Dispose();
    }

    /// <summary>Starts the one background load, unless one is under way; the caller does not wait for it.</summary>
    private void RefreshInBackground()
    {
        if (Interlocked.CompareExchange(ref refreshing, 1, 0) == 0)
        {
            _ = Task.Run(ReplaceStaleAsync, CancellationToken.None);
        }
    }

    /// <summary>
    /// Never throws: a failure is logged and the stale catalog stays, so the next request past CacheSeconds tries
    /// again (and one past MaxStaleSeconds loads, or fails, itself).
    /// </summary>
    private async Task ReplaceStaleAsync()
    {
        var token = stopping.Token;
        try
        {
            await loadGate.WaitAsync(token);
            try
            {
                if (current is not { } cached || IsStale(cached))
                {
                    await LoadAsync(token);
                }
            }
            finally
            {
                loadGate.Release();
            }
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            // The instance is stopping (its gate and clients may already be gone): nothing to keep, nothing to report.
        }
        catch (Exception ex) when (StorageFailure.Is(ex, token))
        {
            var (status, errorCode) = StorageFailure.Describe(ex);
            LogRefreshFailed(logger, status, errorCode);
        }
#pragma warning disable CA1031 // A background task has no caller to hand an unexpected failure to: it is logged, and the next request retries.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRefreshFaulted(logger, ex.GetType().Name);
        }
        finally
        {
            Volatile.Write(ref refreshing, 0);
        }
    }

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

    [LoggerMessage(EventId = 3920, Level = LogLevel.Warning, Message = "Background refresh of the consent catalog failed: status {Status}, error code {ErrorCode}; the cached catalog is kept")]
    private static partial void LogRefreshFailed(ILogger logger, int status, string? errorCode);

    [LoggerMessage(EventId = 3921, Level = LogLevel.Error, Message = "Background refresh of the consent catalog failed with {ExceptionType}; the cached catalog is kept")]
    private static partial void LogRefreshFaulted(ILogger logger, string exceptionType);

    private sealed record Snapshot(ConsentCatalog Catalog, long LoadStartedAt);
}
