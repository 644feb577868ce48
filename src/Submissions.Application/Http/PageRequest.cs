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
