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
        return await AdminListing.ServeAsync(
            request, "purge-reports:" + range!.Scope, guard, Unavailable,
            paging => reports.ReadRangeAsync(range.Start, range.End, paging.Size, paging.StorageToken, cancellationToken),
            (found, next) => new PurgeReportsPage(range.From, range.To, [.. found.Select(PurgeReportView.From)], next),
            cancellationToken);
    }

}
