using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Submissions.Application.Http;
using Submissions.Storage.Retention;

namespace Submissions.Application.Retention;

/// <summary>GET manage/purge-reports?from=&amp;to=: what each retention run removed, newest run first.</summary>
public sealed class PurgeReportReadHandler(PurgeReportStore reports, FormStorageGuard guard, TimeProvider time)
{
    private static readonly StorageUnavailableAnswer Unavailable = new("The purge reports are temporarily unavailable.", "purge-reports.read");

    public async Task<IActionResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (range, errors) = DayRange.Parse(request.Query, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (errors is not null)
        {
            return Problems.ValidationFailed(errors);
        }

        // A token names its range too: one from another range would start in the wrong month.
        var listing = "purge-reports:" + range!.Scope;

        if (PageRequest.Read(request, listing) is not { } paging)
        {
            return PageRequest.Problem();
        }

        return await guard.ServeAsync(Unavailable, async () =>
        {
            var page = await reports.ReadRangeAsync(range!.Start, range.End, paging.Size, paging.StorageToken, cancellationToken);
            return page.TokenRefused
                ? PageRequest.Problem()
                : ApiResult.Ok(new PurgeReportsPage(range.From, range.To, [.. page.Items.Select(PurgeReportView.From)], PageRequest.Encode(listing, page.ContinuationToken)))
                    .WithHeader("Cache-Control", "no-store");
        }, cancellationToken);
    }
}
