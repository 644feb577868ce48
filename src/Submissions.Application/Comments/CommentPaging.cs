using Microsoft.AspNetCore.Http;
using Submissions.Application.Http;

namespace Submissions.Application.Comments;

/// <summary>A comment listing's paging (<see cref="PageRequest"/>): smaller pages than the admin listings by default.</summary>
public sealed record CommentPaging(int Size, string? StorageToken)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>The paging a request asks for; null when its parameters are not valid.</summary>
    public static CommentPaging? Read(HttpRequest request) =>
        PageRequest.Read(request, DefaultPageSize, MaxPageSize) is { } page ? new CommentPaging(page.Size, page.StorageToken) : null;

    public static ApiResult Problem() => PageRequest.Problem(MaxPageSize);
}
