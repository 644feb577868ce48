using System.Globalization;
using Microsoft.Extensions.Options;
using Submissions.Application.Caching;

namespace Submissions.Application.Comments;

/// <summary>
/// The first page of each page's public listing (per page size), held in this instance's <see cref="ReadThroughCache"/> for
/// ReadCache:CommentListingSeconds: concurrent misses share one storage read, so storage sees at most one listing read
/// per page and page size per instance per period however many read it. Later pages (a continuation token) are read
/// from storage each time: any well-formed token reaches storage, so caching by token would let a client fill memory.
/// A moderation decision on this instance drops the page's entries at once; other instances show it within the period.
/// </summary>
public sealed class CommentListingCache(ReadThroughCache cache, IOptions<ReadCacheOptions> options, TimeProvider time)
{
    private TimeSpan Period => TimeSpan.FromSeconds(options.Value.CommentListingSeconds);

    /// <summary>
    /// The first page of <paramref name="pageId"/>'s listing at <paramref name="pageSize"/>: from the cache while it is
    /// younger than the period, else from <paramref name="read"/> (one read shared by every concurrent caller).
    /// </summary>
    public async ValueTask<CommentListing> FirstPageAsync(
        string pageId, int pageSize, Func<CancellationToken, Task<PublicCommentsResponse>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        return await cache.GetAsync(
            string.Create(CultureInfo.InvariantCulture, $"{TagOf(pageId)}/first/{pageSize}"),
            options.Value.CommentListingSeconds,
            (Read: read, Self: this),
            static (state, token) => new ValueTask<CommentListing>(state.Self.ReadAsync(state.Read, token)),
            cancellationToken,
            [TagOf(pageId)]);
    }

    /// <summary>Drops every cached page size of the page's listing; a read already under way still answers its callers.</summary>
    public ValueTask InvalidateAsync(string pageId, CancellationToken cancellationToken) =>
        Period <= TimeSpan.Zero ? ValueTask.CompletedTask : cache.RemoveByTagAsync(TagOf(pageId), cancellationToken);

    /// <summary>
    /// How long a browser or shared cache may keep a listing: what is left of the period since storage was read, so a
    /// reader never sees a listing older than the period however many caches it passed through (0 with the cache off).
    /// </summary>
    public int MaxAgeSeconds(DateTimeOffset readAt)
    {
        var left = Period - (time.GetUtcNow() - readAt);
        return left <= TimeSpan.Zero ? 0 : (int)Math.Floor(left.TotalSeconds);
    }

    private static string TagOf(string pageId) => "comments/" + pageId;

    // The listing's age counts from before the read, so it is never younger than what it may be missing.
    private async Task<CommentListing> ReadAsync(Func<CancellationToken, Task<PublicCommentsResponse>> read, CancellationToken cancellationToken)
    {
        var readAt = time.GetUtcNow();
        return new CommentListing(await read(cancellationToken), readAt);
    }
}
