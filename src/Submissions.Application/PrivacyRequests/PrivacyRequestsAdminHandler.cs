using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Submissions.Application.Audit;
using Submissions.Application.Http;
using Submissions.Domain.Validation;
using Submissions.Storage.PrivacyRequests;

namespace Submissions.Application.PrivacyRequests;

/// <summary>
/// GET manage/privacy-requests?status=open: the requests not yet answered, with their age against the GDPR's one-month
/// deadline (Art. 12(3)). Ids, kinds and dates only: no address, no subject key.
/// </summary>
public sealed class PrivacyRequestsAdminHandler(PrivacyRequestStore store, AdminAudit audit, FormStorageGuard guard, TimeProvider time)
{
    public const string OpenStatus = "open";

    public async Task<IActionResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!QueryParameter.TryRead(request, "status", out var given) || (given ?? OpenStatus) != OpenStatus)
        {
            return Problems.ValidationFailed("status", "'status' must be 'open'.", FieldErrorCodes.NotAnOption);
        }

        return await guard.ServeAsync(new StorageUnavailableAnswer("Privacy requests are temporarily unavailable.", "privacy request list"), async () =>
        {
            var now = time.GetUtcNow();
            var open = new List<OpenPrivacyRequestView>();
            await foreach (var found in store.ListOpenAsync(cancellationToken))
            {
                var dueBy = found.RequestedAt.AddMonths(1);
                open.Add(new OpenPrivacyRequestView(
                    found.RequestId, found.Kind, found.RequestStatus, found.RequestedAt, found.ConfirmedAt, (int)(now - found.RequestedAt).TotalDays, dueBy, now > dueBy));
            }

            await audit.RecordAsync(request, "privacy-request-list", OpenStatus, null, open.Count, cancellationToken);
            return ApiResult.Ok(new OpenPrivacyRequestsResponse(OpenStatus, [.. open.OrderBy(view => view.CreatedAt)])).WithHeader("Cache-Control", "no-store");
        }, cancellationToken);
    }
}
