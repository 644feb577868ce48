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
        return await AdminListing.ServeAsync(
            request, "audit:" + range!.Scope, guard, Unavailable,
            async paging =>
            {
                var page = await log.ReadRangeAsync(range.Start, range.End, paging.Size, paging.StorageToken, cancellationToken);
                if (!page.TokenRefused)
                {
                    await audit.RecordAsync(request, "audit-read", range.Scope, null, page.Items.Count, cancellationToken);
                }

                return page;
            },
            (records, next) => new AuditPage(range.From, range.To, [.. records.Select(AuditRecordView.From)], next),
            cancellationToken);
    }

}
