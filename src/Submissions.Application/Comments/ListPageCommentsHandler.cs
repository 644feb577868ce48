using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Submissions.Application.Http;
using Submissions.Domain.Comments;
using Submissions.Domain.Forms;
using Submissions.Domain.Validation;
using Submissions.Storage;
using Submissions.Storage.Comments;

namespace Submissions.Application.Comments;

/// <summary>
/// GET pages/{pageId}/comments: a page's approved comments, public fields only, newest first, paged. The first page is
/// served from this instance's cache (<see cref="CommentListingCache"/>), so a viral page's readers cost storage one
/// read per period; later pages are read from storage.
/// </summary>
public sealed class ListPageCommentsHandler(CommentStore store, CommentListingCache listings, FormStorageGuard guard, TimeProvider time)
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
            if (paging.StorageToken is null)
            {
                var first = await listings.FirstPageAsync(
                    pageId, paging.Size, async token => Public(await store.ListApprovedAsync(pageId, paging.Size, null, token)), cancellationToken);
                return Answer(first);
            }

            var readAt = time.GetUtcNow();
            var page = await store.ListApprovedAsync(pageId, paging.Size, paging.StorageToken, cancellationToken);
            return page.TokenRefused ? CommentPaging.Problem() : Answer(new CommentListing(Public(page), readAt));
        }, cancellationToken);
    }

    private static PublicCommentsResponse Public(CommentPage page) =>
        new([.. page.Comments.Select(PublicComment.From)], PageToken.Encode(page.ContinuationToken));

    private ApiResult Answer(CommentListing listing) =>
        ApiResult.Ok(listing.Response)
            .WithHeader("Cache-Control", string.Create(CultureInfo.InvariantCulture, $"public, max-age={listings.MaxAgeSeconds(listing.ReadAt)}"));
}
