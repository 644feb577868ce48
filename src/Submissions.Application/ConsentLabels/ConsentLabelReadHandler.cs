using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Submissions.Application.Http;
using Submissions.Domain;
using Submissions.Storage.ConsentLabels;

namespace Submissions.Application.ConsentLabels;

/// <summary>
/// GET manage/consent-labels and manage/consent-labels/{labelId}: every label with all its versions, read from storage
/// (not the forms' cache, so an admin sees a change at once). The catalog is tens of rows: one read, paged by label id.
/// </summary>
public sealed class ConsentLabelReadHandler(ConsentLabelStore store, FormStorageGuard guard)
{
    private const string Listing = "consent-labels";

    private static readonly StorageUnavailableAnswer Unavailable = new("Consent labels are temporarily unavailable.", "consent-labels.read");

    public async Task<IActionResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // The token is the last label id of the previous page: stable, since labels are never deleted.
        if (PageRequest.Read(request, Listing) is not { } paging || (paging.StorageToken is { } after && !Identifiers.IsValid(after)))
        {
            return PageRequest.Problem();
        }

        return await guard.ServeAsync(Unavailable, async () =>
        {
            var catalog = await store.LoadCatalogAsync(cancellationToken);
            var following = catalog.LabelIds.Where(id => paging.StorageToken is null || string.CompareOrdinal(id, paging.StorageToken) > 0).ToList();
            var page = following.Take(paging.Size).ToList();
            var next = following.Count > page.Count ? PageRequest.Encode(Listing, page[^1]) : null;
            var labels = page.Select(id => new ConsentLabelHistoryView(id, [.. catalog.VersionsOf(id).Select(label => ConsentLabelVersionView.From(label))]));
            return ApiResult.Ok(new ConsentLabelsPage([.. labels], next)).WithHeader("Cache-Control", "no-store");
        }, cancellationToken);
    }

    public async Task<IActionResult> GetAsync(string labelId, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(labelId))
        {
            return Problems.InvalidId("labelId");
        }

        return await guard.ServeAsync(Unavailable, async () =>
        {
            var versions = await store.GetVersionsAsync(labelId, cancellationToken);
            return versions.Count == 0
                ? Problems.NotFound("No consent label with this id.")
                : ApiResult.Ok(new ConsentLabelHistoryView(labelId, [.. versions.Select(label => ConsentLabelVersionView.From(label))]))
                    .WithHeader("Cache-Control", "no-store");
        }, cancellationToken);
    }
}
