using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Http;
using Submissions.Application.Links;
using Submissions.Domain.Links;
using Submissions.Storage;
using Submissions.Storage.Confirmations;

namespace Submissions.Application.Confirmations;

/// <summary>
/// <c>/api/confirm?token=</c>, the link in a confirmation mail. GET shows a page with one button and changes nothing —
/// it does not even touch storage, because mail scanners and link previews fetch every link in a mail. POST to the same
/// URL confirms, idempotently. A browser gets a page, anything else JSON.
/// </summary>
public sealed partial class ConfirmationHandler(
    SignedLinks links,
    ConfirmationService confirmations,
    IOptions<FormOptions> formOptions,
    TimeProvider time,
    ILogger<ConfirmationHandler> logger)
{
    /// <summary>GET: the page with the button for a valid link; the generic 400 for anything else; 410 once expired.</summary>
    public Task<IActionResult> ConfirmPageAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (token, _, claim, refusal) = Read(request);
        if (refusal is not null)
        {
            return Task.FromResult<IActionResult>(refusal);
        }

        var action = WebUtility.HtmlEncode($"?{SignedLinks.TokenParameter}={Uri.EscapeDataString(token!)}");
        LogPageShown(logger);
        return Task.FromResult<IActionResult>(LinkPages.Page("Confirm your submission", $$"""
            <p>Press the button to confirm that this is your email address and that you made this submission.
            Until you do, nothing you agreed to takes effect: nothing is shared with a partner and no offers are sent.</p>
            <p>If it was not you, ignore the mail: the submission is deleted after {{claim!.ExpiresAt:d MMMM yyyy}}.</p>
            <form method="post" action="{{action}}">
            <button type="submit">Confirm</button>
            </form>
            """));
    }

    /// <summary>POST: confirms. 200 also when it was confirmed before; 410 when nothing waits any more (expired, erased).</summary>
    public async Task<IActionResult> ConfirmAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (_, confirmationId, _, refusal) = Read(request);
        if (refusal is not null)
        {
            return refusal;
        }

        try
        {
            var outcome = await confirmations.ConfirmAsync(confirmationId!, ConfirmationMethods.EmailLink, cancellationToken);
            return Answer(request, outcome);
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            var (status, errorCode) = StorageFailure.Describe(ex);
            LogStorageUnavailable(logger, status, errorCode ?? "none");
            return LinkPages.WithPrivacyHeaders(Problems.ServiceUnavailable(
                "The confirmation could not be recorded.", TimeSpan.FromSeconds(formOptions.Value.RetryAfterSeconds)));
        }
    }

    private static ApiResult Answer(HttpRequest request, ConfirmationOutcome outcome)
    {
        var (status, title, text, confirmedAt) = outcome switch
        {
            ConfirmationOutcome.Applied applied => ("confirmed", "Thank you: confirmed", "Your submission is confirmed and what you agreed to now applies.", (DateTimeOffset?)applied.ConfirmedAt),
            ConfirmationOutcome.AlreadyConfirmed already => ("already-confirmed", "Already confirmed", "This submission was confirmed before; nothing has changed.", already.Record.ConfirmedAt),
            ConfirmationOutcome.AlreadyEntered => ("already-entered", "You have already entered", "You had already entered this promotion, so this second entry was not added.", null),
            _ => (null, null, null, null),
        };
        if (status is null)
        {
            return Expired();
        }

        return LinkPages.WantsHtml(request)
            ? LinkPages.Page(title!, $"<p>{text}</p>")
            : LinkPages.WithPrivacyHeaders(ApiResult.Ok(new ConfirmationResponse(status, confirmedAt)).WithHeader("Cache-Control", "no-store"));
    }

    private (string? Token, string? ConfirmationId, LinkClaim? Claim, ApiResult? Refusal) Read(HttpRequest request)
    {
        var token = LinkPages.Token(request);
        if (links.ReadConfirmation(token) is not { } read)
        {
            LogInvalidLink(logger, request.Method);
            return (null, null, null, LinkPages.WithPrivacyHeaders(Problems.InvalidLink("This confirmation link is not valid.")));
        }

        var (confirmationId, claim) = read;
        return claim.IsExpiredAt(time.GetUtcNow()) ? (null, null, null, Expired()) : (token, confirmationId, claim, null);
    }

    private static ApiResult Expired() => LinkPages.WithPrivacyHeaders(Problems.LinkExpired(
        "This confirmation link is no longer valid.",
        "Unconfirmed submissions are deleted after a few days. Please submit the form again."));

    [LoggerMessage(EventId = 3512, Level = LogLevel.Information, Message = "Confirmation link refused ({Method}): not a valid token")]
    private static partial void LogInvalidLink(ILogger logger, string method);

    [LoggerMessage(EventId = 3513, Level = LogLevel.Information, Message = "Confirmation page shown")]
    private static partial void LogPageShown(ILogger logger);

    [LoggerMessage(EventId = 3514, Level = LogLevel.Warning, Message = "Confirmation could not be recorded (storage status {Status}, {ErrorCode})")]
    private static partial void LogStorageUnavailable(ILogger logger, int status, string errorCode);
}
