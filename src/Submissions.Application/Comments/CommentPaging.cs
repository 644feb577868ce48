using System.Globalization;
using Microsoft.AspNetCore.Http;
using Submissions.Application.Http;
using Submissions.Storage;

namespace Submissions.Application.Comments;

/// <summary>
/// A comment listing's page size and continuation token, read from the query. The token is checked here for shape and,
/// when storage refuses one of the right shape, the listing answers with the same 400.
/// </summary>
public sealed record CommentPaging(int Size, string? StorageToken)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>The paging a request asks for; null when its parameters are not valid.</summary>
    public static CommentPaging? Read(HttpRequest request)
    {
        var size = DefaultPageSize;
        if (!QueryParameter.TryRead(request, "pageSize", out var text) || !QueryParameter.TryRead(request, "continuationToken", out var token)
            || (text is not null && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize)))
        {
            return null;
        }

        return PageToken.TryDecode(token, out var storageToken) ? new CommentPaging(size, storageToken) : null;
    }

    public static ApiResult Problem() =>
        Problems.ValidationFailed("paging", $"'pageSize' must be 1 to {MaxPageSize} and 'continuationToken' one this API returned.");
}
