using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Submissions.Storage;

namespace Submissions.Application.Http;

/// <summary>
/// What every paged admin listing does the same way: its paging read and checked (a token of another listing is the
/// paging 400), one page fetched under the storage guard, a token storage refuses answered with the same 400, and the
/// page returned uncached with the next token bound to the listing.
/// </summary>
public static class AdminListing
{
    public static async Task<IActionResult> ServeAsync<T>(
        HttpRequest request,
        string listing,
        FormStorageGuard guard,
        StorageUnavailableAnswer unavailable,
        Func<PageRequest, Task<ScanPage<T>>> read,
        Func<IReadOnlyList<T>, string?, object> page,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(page);
        if (PageRequest.Read(request, listing) is not { } paging)
        {
            return PageRequest.Problem();
        }

        return await guard.ServeAsync(unavailable, async () =>
        {
            var found = await read(paging);
            return found.TokenRefused
                ? PageRequest.Problem()
                : ApiResult.Ok(page(found.Items, PageRequest.Encode(listing, found.ContinuationToken))).WithHeader("Cache-Control", "no-store");
        }, cancellationToken);
    }
}
