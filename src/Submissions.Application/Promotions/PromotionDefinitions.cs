using Microsoft.Extensions.Options;
using Submissions.Application.Caching;
using Submissions.Storage.Promotions;

namespace Submissions.Application.Promotions;

/// <summary>
/// Promotion definitions as the entry form and GET promotions/{promotionId} read them: from the instance's read cache
/// for <see cref="ReadCacheOptions.PromotionSeconds"/>, concurrent misses sharing one storage read. The staleness is
/// documented: an entry may be accepted (or refused) by another instance's definition for up to that long after an
/// admin changes or closes the promotion; the instance that saves it drops its own copy at once. Entries are still
/// pending until confirmed, and the window is checked against the definition cached.
/// </summary>
public sealed class PromotionDefinitions(PromotionStore store, ReadThroughCache cache, IOptions<ReadCacheOptions> options)
{
    public async Task<PromotionContent?> GetAsync(string promotionId, CancellationToken cancellationToken)
    {
        var cached = await cache.GetAsync(
            Key(promotionId),
            options.Value.PromotionSeconds,
            (store, promotionId),
            static async (state, token) => new CachedPromotion(await state.store.GetAsync(state.promotionId, token)),
            cancellationToken);
        return cached.Content;
    }

    /// <summary>Drops this instance's copy once an admin saved the promotion; other instances see it within the period.</summary>
    public ValueTask InvalidateAsync(string promotionId, CancellationToken cancellationToken) =>
        cache.RemoveAsync(Key(promotionId), cancellationToken);

    private static string Key(string promotionId) => "promotion:" + promotionId;
}
