using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Http;
using Submissions.Application.Links;
using Submissions.Application.Subjects;
using Submissions.Domain.Links;
using Submissions.Domain.Privacy;
using Submissions.Domain.PrivacyRequests;
using Submissions.Storage;
using Submissions.Storage.PrivacyRequests;

namespace Submissions.Application.PrivacyRequests;

/// <summary>
/// The links in a privacy request's mails. <c>privacy-requests/confirm?token=</c>: GET shows a page with one button and
/// touches no storage (mail scanners prefetch links); POST confirms, idempotently. <c>privacy-requests/download?token=</c>:
/// the person's bundle, built live, as a JSON attachment. Each link's token is signed for its purpose alone.
/// </summary>
public sealed partial class PrivacyRequestLinkHandler(
    SignedLinks links,
    PrivacyRequestService requests,
    PrivacyRequestStore store,
    SubjectAccess access,
    PrivacyRequestAudit audit,
    IOptions<FormOptions> formOptions,
    TimeProvider time,
    ILogger<PrivacyRequestLinkHandler> logger)
{
    public Task<IActionResult> ConfirmPageAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (token, claim, refusal) = Read(request, LinkPurpose.PrivacyRequest);
        if (refusal is not null)
        {
            return Task.FromResult<IActionResult>(refusal);
        }

        var action = WebUtility.HtmlEncode($"?{SignedLinks.TokenParameter}={Uri.EscapeDataString(token!)}");
        LogPageShown(logger);
        return Task.FromResult<IActionResult>(LinkPages.Page("Confirm your privacy request", $$"""
            <p>Press the button to confirm that this is your email address and that you made this request about your data
            (a copy of it, or its erasure, as the mail said). Nothing happens until you do.</p>
            <p>If it was not you, close this page: the request is deleted after {{claim!.ExpiresAt:d MMMM yyyy HH:mm}} UTC.</p>
            <form method="post" action="{{action}}">
            <button type="submit">Confirm</button>
            </form>
            """));
    }

    public async Task<IActionResult> ConfirmAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (_, claim, refusal) = Read(request, LinkPurpose.PrivacyRequest);
        if (refusal is not null)
        {
            return refusal;
        }

        try
        {
            var (outcome, stored) = await requests.ConfirmAsync(claim!.IdAsGuidText(), cancellationToken);
            return Answer(request, outcome, stored);
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return Unavailable("The request could not be confirmed.", ex);
        }
    }

    public async Task<IActionResult> DownloadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (_, claim, refusal) = Read(request, LinkPurpose.AccessDownload);
        if (refusal is not null)
        {
            return refusal;
        }

        try
        {
            if (await store.FindAsync(claim!.IdAsGuidText(), cancellationToken) is not
                { Kind: PrivacyRequestKinds.Access, RequestStatus: PrivacyRequestStatus.Confirmed or PrivacyRequestStatus.Completed } found)
            {
                return Expired("This download link is no longer valid.");
            }

            // Built live, as the admins' bundle is; an unknown person's is empty and of the same shape.
            var bundle = await access.ReadAsync(string.Empty, new SubjectKey(found.SubjectKey), cancellationToken);
            await audit.RecordAsync(PrivacyRequestAudit.Downloaded, found.Kind, found.SubjectKey, bundle.RecordCount, cancellationToken);
            LogDownloaded(logger, found.RequestId, bundle.RecordCount);
            return LinkPages.WithPrivacyHeaders(ApiResult.Ok(SelfServiceBundle.From(bundle)))
                .WithHeader("Cache-Control", "no-store")
                .WithHeader("X-Content-Type-Options", "nosniff")
                .WithHeader("Content-Disposition", $"attachment; filename=\"my-data-{time.GetUtcNow():yyyyMMdd}.json\"");
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return Unavailable("Your data could not be read.", ex);
        }
    }

    private static ApiResult Answer(HttpRequest request, PrivacyRequestConfirmation outcome, PrivacyRequest? stored)
    {
        var (status, title, text) = outcome switch
        {
            PrivacyRequestConfirmation.Confirmed => ("confirmed", "Thank you: confirmed", "A mail with a link to download your data is on its way. The link works for 24 hours."),
            PrivacyRequestConfirmation.Erased => ("erased", "Your data was erased", "Everything we stored about your address has been erased. A last mail confirms it."),
            PrivacyRequestConfirmation.ErasureInProgress => ("erasure-in-progress", "Your data is being erased", "The erasure has started and finishes shortly; a mail tells you when it is done. You may press the button again later."),
            PrivacyRequestConfirmation.AlreadyDone => ("already-done", "Already done", "This request was completed before; nothing has changed."),
            _ => (null, null, null),
        };
        if (status is null || stored is null)
        {
            return Expired("This confirmation link is no longer valid.");
        }

        return LinkPages.WantsHtml(request)
            ? LinkPages.Page(title!, $"<p>{text}</p>")
            : LinkPages.WithPrivacyHeaders(ApiResult.Ok(new PrivacyRequestOutcome(status, stored.Kind, stored.ConfirmedAt, stored.RequestCompletedAt)))
                .WithHeader("Cache-Control", "no-store");
    }

    private (string? Token, LinkClaim? Claim, ApiResult? Refusal) Read(HttpRequest request, LinkPurpose purpose)
    {
        var token = LinkPages.Token(request);
        if (links.Signer(purpose).Read(token) is not { } claim)
        {
            LogInvalidLink(logger, purpose.Name, request.Method);
            return (null, null, LinkPages.WithPrivacyHeaders(Problems.InvalidLink("This link is not valid.")));
        }

        return claim.IsExpiredAt(time.GetUtcNow()) ? (null, null, Expired("This link is no longer valid.")) : (token, claim, null);
    }

    private static ApiResult Expired(string title) => LinkPages.WithPrivacyHeaders(Problems.LinkExpired(
        title, "Links in privacy request mails work for 24 hours. Please make the request again."));

    private ApiResult Unavailable(string title, Exception exception)
    {
        var (status, errorCode) = StorageFailure.Describe(exception);
        LogStorageUnavailable(logger, status, errorCode ?? "none");
        return LinkPages.WithPrivacyHeaders(Problems.ServiceUnavailable(title, TimeSpan.FromSeconds(formOptions.Value.RetryAfterSeconds)));
    }

    [LoggerMessage(EventId = 3631, Level = LogLevel.Information, Message = "Privacy request link refused ({Purpose}, {Method}): not a valid token")]
    private static partial void LogInvalidLink(ILogger logger, string purpose, string method);

    [LoggerMessage(EventId = 3632, Level = LogLevel.Information, Message = "Privacy request confirmation page shown")]
    private static partial void LogPageShown(ILogger logger);

    [LoggerMessage(EventId = 3633, Level = LogLevel.Information, Message = "Privacy request {RequestId}: bundle downloaded, {Count} records")]
    private static partial void LogDownloaded(ILogger logger, string requestId, int count);

    [LoggerMessage(EventId = 3634, Level = LogLevel.Warning, Message = "Privacy request link failed on storage (status {Status}, {ErrorCode})")]
    private static partial void LogStorageUnavailable(ILogger logger, int status, string errorCode);
}
