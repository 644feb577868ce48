using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Submissions.Application.Http;
using Submissions.Application.Mail;
using Submissions.Application.Notices;
using Submissions.Domain.Validation;
using Submissions.Storage;
using Submissions.Storage.Confirmations;
using Submissions.Storage.Deliveries;

namespace Submissions.Application.Deliveries;

/// <summary>Admins' view of failed deliveries, notices and mails (ids and reasons only) and their retry.</summary>
public sealed class DeliveriesAdminHandler(
    DeadLetterStore deadLetters, PartnerDeliveryProcessor processor, PartnerNoticeProcessor notices, OutboundMailDispatcher mail, IOptions<FormOptions> formOptions)
{
    public async Task<IActionResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!QueryParameter.TryRead(request, "status", out var given) || (given ?? "failed") != "failed")
        {
            return Problems.ValidationFailed("status", "'status' must be 'failed'.", FieldErrorCodes.NotAnOption);
        }

        var status = given ?? "failed";

        if (PageRequest.Read(request) is not { } paging)
        {
            return PageRequest.Problem();
        }

        return await UnlessStorageFailsAsync("Deliveries are temporarily unavailable.", async () =>
        {
            var page = await deadLetters.ListAsync(paging.Size, paging.StorageToken, cancellationToken);
            return page.TokenRefused
                ? PageRequest.Problem()
                : ApiResult.Ok(new DeliveryFailuresResponse(status, [.. page.DeadLetters.Select(DeliveryFailureView.From)], PageToken.Encode(page.ContinuationToken)))
                    .WithHeader("Cache-Control", "no-store");
        }, cancellationToken);
    }

    public async Task<IActionResult> RetryAsync(string deliveryId, CancellationToken cancellationToken)
    {
        // Delivery ids are hex; notice ids may also hold dashes and underscores, and a confirmation mail's id (its dead
        // letter's) names where it is stored (up to 100 characters). Either way nothing a table key refuses.
        if (deliveryId.Length is 0 or > ConfirmationIds.MaxLength || !deliveryId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return Problems.NotFound("No failed delivery with this id.");
        }

        return await UnlessStorageFailsAsync("The retry could not be queued.", async () =>
        {
            // One read of the dead letter decides which kind it is; each processor re-owes and re-queues its own.
            var failure = await deadLetters.GetAsync(deliveryId, cancellationToken);
            var retried = failure switch
            {
                null => false,
                { Kind: DeadLetter.NoticeKind } => await notices.RetryAsync(failure, cancellationToken),
                _ when OutboundMailDispatcher.IsMail(failure) => await mail.RetryAsync(failure, cancellationToken),
                _ => await processor.RetryAsync(failure, cancellationToken),
            };
            return retried
                ? new ApiResult(StatusCodes.Status202Accepted, new { deliveryId, status = "owed" })
                : Problems.NotFound("No failed delivery with this id.");
        }, cancellationToken);
    }

    /// <summary>The one place a storage failure of these routes becomes their 503.</summary>
    private async Task<IActionResult> UnlessStorageFailsAsync(string unavailable, Func<Task<IActionResult>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return Problems.ServiceUnavailable(unavailable, TimeSpan.FromSeconds(formOptions.Value.RetryAfterSeconds));
        }
    }
}
