using Microsoft.Extensions.Caching.Hybrid;

namespace Submissions.Application.Caching;

/// <summary>
/// The instance's read cache as every public read uses it: an entry lives for its period from <see cref="ReadCacheOptions"/>
/// (0 or less: straight to storage, as tests that read their own writes want), in memory only, and concurrent misses of
/// one key share a single load — so storage sees at most one read per key per instance per period whatever the traffic.
/// </summary>
public sealed class ReadThroughCache(HybridCache cache)
{
    /// <summary>Each entry is small and cheap to reload; a distributed tier would add a round trip to save one.</summary>
    private const HybridCacheEntryFlags LocalOnly = HybridCacheEntryFlags.DisableDistributedCache;

    /// <summary>The cached value of <paramref name="key"/>, else what <paramref name="load"/> gives (then kept for the period).</summary>
    public async ValueTask<T> GetAsync<TState, T>(
        string key, double periodSeconds, TState state, Func<TState, CancellationToken, ValueTask<T>> load, CancellationToken cancellationToken, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(load);
        return periodSeconds <= 0
            ? await load(state, cancellationToken)
            : await cache.GetOrCreateAsync(key, state, load, Entry(periodSeconds), tags, cancellationToken);
    }

    /// <summary>Replaces the entry with a value just read (nothing with the cache off).</summary>
    public ValueTask SetAsync<T>(string key, double periodSeconds, T value, CancellationToken cancellationToken) =>
        periodSeconds <= 0 ? ValueTask.CompletedTask : cache.SetAsync(key, value, Entry(periodSeconds), cancellationToken: cancellationToken);

    /// <summary>Drops this instance's entry; other instances keep theirs until their period ends.</summary>
    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken) => cache.RemoveAsync(key, cancellationToken);

    /// <summary>Drops this instance's entries carrying <paramref name="tag"/>.</summary>
    public ValueTask RemoveByTagAsync(string tag, CancellationToken cancellationToken) => cache.RemoveByTagAsync(tag, cancellationToken);

    private static HybridCacheEntryOptions Entry(double periodSeconds)
    {
        var period = TimeSpan.FromSeconds(periodSeconds);
        return new HybridCacheEntryOptions { Expiration = period, LocalCacheExpiration = period, Flags = LocalOnly };
    }
}
