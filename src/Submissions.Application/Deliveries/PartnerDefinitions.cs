using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using Submissions.Application.Caching;
using Submissions.Storage.Partners;

namespace Submissions.Application.Deliveries;

/// <summary>
/// The partner definitions deliveries read, from the instance's read cache for <see cref="ReadCacheOptions.PartnerSeconds"/>
/// (0: always from storage). A stale copy can only let a lead through for that long after an admin deactivated the
/// partner or narrowed its fields; it never refuses one — a refusal is decided on a fresh read (<see cref="GetFreshAsync"/>).
/// </summary>
internal sealed class PartnerDefinitions(PartnerStore partners, HybridCache cache, IOptions<ReadCacheOptions> options)
{
    /// <summary>Whether <see cref="GetAsync"/> may answer from memory.</summary>
    public bool Cached => options.Value.PartnerSeconds > 0;

    public async Task<StoredPartner?> GetAsync(string partnerId, CancellationToken cancellationToken)
    {
        if (!Cached)
        {
            return await partners.GetAsync(partnerId, cancellationToken);
        }

        var period = TimeSpan.FromSeconds(options.Value.PartnerSeconds);
        return await cache.GetOrCreateAsync(
            $"partner:{partnerId}",
            (partners, partnerId),
            static (state, token) => new ValueTask<StoredPartner?>(state.partners.GetAsync(state.partnerId, token)),
            new HybridCacheEntryOptions { Expiration = period, LocalCacheExpiration = period },
            cancellationToken: cancellationToken);
    }

    /// <summary>The partner as stored now, and the cache's copy replaced with it.</summary>
    public async Task<StoredPartner?> GetFreshAsync(string partnerId, CancellationToken cancellationToken)
    {
        var partner = await partners.GetAsync(partnerId, cancellationToken);
        if (Cached)
        {
            var period = TimeSpan.FromSeconds(options.Value.PartnerSeconds);
            await cache.SetAsync($"partner:{partnerId}", partner, new HybridCacheEntryOptions { Expiration = period, LocalCacheExpiration = period }, cancellationToken: cancellationToken);
        }

        return partner;
    }
}
