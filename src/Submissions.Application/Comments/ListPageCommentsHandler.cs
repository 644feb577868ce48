using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Submissions.Application.Http;
using Submissions.Domain.Comments;
using Submissions.Domain.Forms;
using Submissions.Domain.Validation;
using Submissions.Storage;
using Submissions.Storage.Comments;

namespace Submissions.Application.Comments;

/// <summary>GET pages/{pageId}/comments: a page's approved comments, public fields only, newest first, paged.</summary>
public sealed class ListPageCommentsHandler(CommentStore store, FormStorageGuard guard)
{
    public async Task<IActionResult> ListAsync(HttpRequest request, string pageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!CommentValidator.IsValidPageId(pageId))
        {
            return Problems.ValidationFailed("pageId", "'pageId' must be 1 to 128 letters, digits, '.', '_' or '-'.", FieldErrorCodes.InvalidFormat);
        }

        if (CommentPaging.Read(request) is not { } paging)
        {
            return CommentPaging.Problem();
        }

        return await guard.ServeAsync(FormKind.Comment, async () =>
        {
            var page = await store.ListApprovedAsync(pageId, paging.Size, paging.StorageToken, cancellationToken);
            return page.TokenRefused
                ? CommentPaging.Problem()
                : ApiResult.Ok(new PublicCommentsResponse([.. page.Comments.Select(PublicComment.From)], PageToken.Encode(page.ContinuationToken)))
                    .WithHeader("Cache-Control", "public, max-age=30");
        }, cancellationToken);
    }
}
