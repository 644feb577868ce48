using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Submissions.Application.Http;
using Submissions.Application.Notices;
using Submissions.Storage;
using Submissions.Storage.Deliveries;

namespace Submissions.Application.Deliveries;

/// <summary>One dead letter. <c>Kind</c> is "delivery" (a lead; DeliveryId is its delivery id) or "notice" (DeliveryId is the notice id, PromotionId empty).</summary>
public sealed record DeliveryFailureView(string DeliveryId, string PromotionId, string PartnerId, string Reason, int Attempts, DateTimeOffset FailedAt, string Kind)
{
    public static DeliveryFailureView From(DeliveryFailureEntity failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new(failure.RowKey, failure.PromotionId, failure.PartnerId, failure.Reason, failure.Attempts, failure.FailedAt, failure.Kind);
    }
}

public sealed record DeliveryFailuresResponse(string Status, IReadOnlyList<DeliveryFailureView> Deliveries, string? ContinuationToken);

/// <summary>Admins' view of failed deliveries and notices (ids and reasons only) and their retry.</summary>
public sealed class DeliveriesAdminHandler(DeliveryStore store, PartnerDeliveryProcessor processor, PartnerNoticeProcessor notices, IOptions<FormOptions> formOptions)
{
    public async Task<IActionResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!QueryParameter.TryRead(request, "status", out var given) || (given ?? "failed") != "failed")
        {
            return Problems.ValidationFailed("status", "'status' must be 'failed'.");
        }

        var status = given ?? "failed";

        var size = 50;
        if (!QueryParameter.TryRead(request, "pageSize", out var text) || !QueryParameter.TryRead(request, "continuationToken", out var token)
            || (text is not null && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > 100))
            || !PageToken.TryDecode(token, out var storageToken))
        {
            return PagingProblem();
        }

        try
        {
            var (failures, next) = await store.ListFailuresAsync(size, storageToken, cancellationToken);
            return ApiResult.Ok(new DeliveryFailuresResponse(status, [.. failures.Select(DeliveryFailureView.From)], PageToken.Encode(next)))
                .WithHeader("Cache-Control", "no-store");
        }
        catch (Exception ex) when (PageToken.IsRefused(ex, storageToken))
        {
            return PagingProblem();
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return Problems.ServiceUnavailable("Deliveries are temporarily unavailable.", TimeSpan.FromSeconds(formOptions.Value.RetryAfterSeconds));
        }
    }

    public async Task<IActionResult> RetryAsync(string deliveryId, CancellationToken cancellationToken)
    {
        // Delivery ids are hex; notice ids may also hold dashes and underscores. Either way nothing a table key refuses.
        if (deliveryId.Length is 0 or > 64 || !deliveryId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return Problems.NotFound("No failed delivery with this id.");
        }

        try
        {
            // One read of the dead letter decides which kind it is; each processor re-owes and re-queues its own.
            var failure = await store.GetFailureAsync(deliveryId, cancellationToken);
            var retried = failure switch
            {
                null => false,
                { Kind: DeliveryFailureEntity.NoticeKind } => await notices.RetryAsync(failure, cancellationToken),
                _ => await processor.RetryAsync(failure, cancellationToken),
            };
            return retried
                ? new ApiResult(StatusCodes.Status202Accepted, new { deliveryId, status = "owed" })
                : Problems.NotFound("No failed delivery with this id.");
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return Problems.ServiceUnavailable("The retry could not be queued.", TimeSpan.FromSeconds(formOptions.Value.RetryAfterSeconds));
        }
    }

    private static ApiResult PagingProblem() =>
        Problems.ValidationFailed("paging", "'pageSize' must be 1 to 100 and 'continuationToken' one this API returned.");
}
