using System.Globalization;
using Microsoft.AspNetCore.Http;
using Submissions.Storage;

namespace Submissions.Application.Http;

/// <summary>
/// A listing's page size and continuation token, read from the query. The token is checked here for shape and, when
/// storage refuses one of the right shape, the listing answers with the same 400 (<see cref="Problem"/>).
/// </summary>
public sealed record PageRequest(int Size, string? StorageToken)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 100;

    /// <summary>
    /// The paging of one listing: its tokens carry the listing's name (and, for a log, its range), so a token of
    /// another listing or range is refused instead of silently starting somewhere else.
    /// </summary>
    public static PageRequest? Read(HttpRequest request, string listing)
    {
        ArgumentException.ThrowIfNullOrEmpty(listing);
        if (Read(request) is not { } page)
        {
            return null;
        }

        var prefix = listing + "|";
        return page.StorageToken switch
        {
            null => page,
            { } token when token.StartsWith(prefix, StringComparison.Ordinal) && token.Length > prefix.Length => page with { StorageToken = token[prefix.Length..] },
            _ => null,
        };
    }

    /// <summary>The token a page of <paramref name="listing"/> hands out for storage's next-page token (null on the last page).</summary>
    public static string? Encode(string listing, string? storageToken) =>
        storageToken is null ? null : PageToken.Encode(listing + "|" + storageToken);

    /// <summary>The paging a request asks for; null when its parameters are not valid.</summary>
    public static PageRequest? Read(HttpRequest request, int defaultSize = DefaultSize, int maxSize = MaxSize)
    {
        var size = defaultSize;
        if (!QueryParameter.TryRead(request, "pageSize", out var text) || !QueryParameter.TryRead(request, "continuationToken", out var token)
            || (text is not null && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > maxSize)))
        {
            return null;
        }

        return PageToken.TryDecode(token, out var storageToken) ? new PageRequest(size, storageToken) : null;
    }

    public static ApiResult Problem(int maxSize = MaxSize) =>
        Problems.ValidationFailed("paging", $"'pageSize' must be 1 to {maxSize} and 'continuationToken' one this API returned.");
}
