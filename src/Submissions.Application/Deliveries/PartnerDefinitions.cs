using Microsoft.Extensions.Options;
using Submissions.Application.Caching;
using Submissions.Storage.Partners;

namespace Submissions.Application.Deliveries;

/// <summary>
/// The partner definitions deliveries read, from the instance's read cache for <see cref="ReadCacheOptions.PartnerSeconds"/>
/// (0: always from storage). A stale copy can only let a lead through for that long after an admin deactivated the
/// partner or narrowed its fields; it never refuses one — a refusal is decided on a fresh read (<see cref="GetFreshAsync"/>).
/// </summary>
internal sealed class PartnerDefinitions(PartnerStore partners, ReadThroughCache cache, IOptions<ReadCacheOptions> options)
{
    /// <summary>Whether <see cref="GetAsync"/> may answer from memory.</summary>
    public bool Cached => options.Value.PartnerSeconds > 0;

    public async Task<StoredPartner?> GetAsync(string partnerId, CancellationToken cancellationToken) =>
        await cache.GetAsync(
            Key(partnerId),
            options.Value.PartnerSeconds,
            (partners, partnerId),
            static (state, token) => new ValueTask<StoredPartner?>(state.partners.GetAsync(state.partnerId, token)),
            cancellationToken);

    /// <summary>The partner as stored now, and the cache's copy replaced with it.</summary>
    public async Task<StoredPartner?> GetFreshAsync(string partnerId, CancellationToken cancellationToken)
    {
        var partner = await partners.GetAsync(partnerId, cancellationToken);
        await cache.SetAsync(Key(partnerId), options.Value.PartnerSeconds, partner, cancellationToken);
        return partner;
    }

    private static string Key(string partnerId) => "partner:" + partnerId;
}
