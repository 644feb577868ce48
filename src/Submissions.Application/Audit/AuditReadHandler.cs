using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Submissions.Application.Http;
using Submissions.Storage.Audit;

namespace Submissions.Application.Audit;

/// <summary>
/// GET manage/audit?from=&amp;to=: the audit log, newest first. The log names admins by principal id, so reading it is
/// itself recorded (action <c>audit-read</c>) before the page is returned.
/// </summary>
public sealed class AuditReadHandler(AuditLog log, AdminAudit audit, FormStorageGuard guard, TimeProvider time)
{
    private static readonly StorageUnavailableAnswer Unavailable = new("The audit log is temporarily unavailable.", "audit.read");

    public async Task<IActionResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (range, errors) = DayRange.Parse(request.Query, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (errors is not null)
        {
            return Problems.ValidationFailed(errors);
        }

        // A token names its range too: one from another range would start in the wrong month.
        var listing = "audit:" + range!.Scope;

        if (PageRequest.Read(request, listing) is not { } paging)
        {
            return PageRequest.Problem();
        }

        return await guard.ServeAsync(Unavailable, async () =>
        {
            var page = await log.ReadRangeAsync(range!.Start, range.End, paging.Size, paging.StorageToken, cancellationToken);
            if (page.TokenRefused)
            {
                return PageRequest.Problem();
            }

            await audit.RecordAsync(request, "audit-read", range.Scope, null, page.Items.Count, cancellationToken);
            return ApiResult.Ok(new AuditPage(range.From, range.To, [.. page.Items.Select(AuditRecordView.From)], PageRequest.Encode(listing, page.ContinuationToken)))
                .WithHeader("Cache-Control", "no-store");
        }, cancellationToken);
    }
}
