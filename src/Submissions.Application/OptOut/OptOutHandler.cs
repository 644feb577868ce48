using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Http;
using Submissions.Application.Subjects;
using Submissions.Domain.OptOut;
using Submissions.Storage;

namespace Submissions.Application.OptOut;

/// <summary>
/// <c>/api/opt-out?token=</c>. GET shows a confirmation page and changes nothing — it does not even touch storage,
/// because mail scanners and link previews fetch every link in a mail. Only a POST (RFC 8058 one-click, or the page's
/// form, which sends the same body) may act; both read the token with <see cref="TryReadToken"/>.
/// </summary>
public sealed partial class OptOutHandler(
    OptOutTokenSigner signer,
    ConsentWithdrawal withdrawal,
    IOptions<FormOptions> formOptions,
    TimeProvider time,
    ILogger<OptOutHandler> logger)
{
    public const string TokenParameter = "token";

    /// <summary>The page's policy: no scripts, no external resources, its own inline style, forms only to itself.</summary>
    public const string ContentSecurityPolicy = LinkPages.ContentSecurityPolicy;

    /// <summary>GET: 200 with a confirmation page for a valid token, otherwise the one generic 400. Never changes state.</summary>
    public Task<IActionResult> ConfirmPageAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!TryReadRequestToken(request, out var token, out var claim))
        {
            LogInvalidLink(logger, request.Method);
            return Task.FromResult<IActionResult>(InvalidLink());
        }

        LogConfirmationShown(logger, claim.Subject.ShortForm, claim.Scope.Value);
        return Task.FromResult<IActionResult>(ConfirmationPage(token, claim.Scope));
    }

    /// <summary>
    /// POST: withdraws what the token's scope covers (special offers, or sharing with its partner) and answers 200 —
    /// also when there was nothing left to withdraw, so repeating it is harmless. The body is not needed: RFC 8058's
    /// "List-Unsubscribe=One-Click" and the page's form are accepted, and so is an empty one. A browser gets a page,
    /// anything else JSON.
    /// </summary>
    public async Task<IActionResult> OptOutAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!TryReadRequestToken(request, out _, out var claim))
        {
            LogInvalidLink(logger, request.Method);
            return InvalidLink();
        }

        var scope = claim.Scope.Kind == OptOutScopeKind.SpecialOffers
            ? WithdrawalScope.SpecialOffers
            : WithdrawalScope.SharingWith(claim.Scope.PartnerId!);
        try
        {
            var outcome = await withdrawal.WithdrawAsync(claim.Subject, scope, ConsentWithdrawal.OptOutForm, cancellationToken);
            LogOptedOut(logger, claim.Subject.ShortForm, claim.Scope.Value, outcome.Withdrawn.Count);
            return LinkPages.WantsHtml(request)
                ? DonePage(claim.Scope)
                : LinkPages.WithPrivacyHeaders(ApiResult.Ok(new OptOutResponse("opted-out", claim.Scope.Value, outcome.Withdrawn, outcome.ReceiptId)).WithHeader("Cache-Control", "no-store"));
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            var (status, errorCode) = StorageFailure.Describe(ex);
            LogStorageUnavailable(logger, status, errorCode);
            return LinkPages.WithPrivacyHeaders(Problems.ServiceUnavailable("The opt-out could not be recorded.", TimeSpan.FromSeconds(formOptions.Value.RetryAfterSeconds)));
        }
    }

    /// <summary>
    /// The claim of the request's one <c>token</c> query parameter, when it verifies now. Missing, repeated, malformed,
    /// tampered or foreign tokens are all just false.
    /// </summary>
    public bool TryReadToken(HttpRequest request, [NotNullWhen(true)] out OptOutClaim? claim) =>
        TryReadRequestToken(request, out _, out claim);

    /// <summary>The answer to any link that does not verify: one generic problem that says nothing about why.</summary>
    public static ApiResult InvalidLink() =>
        LinkPages.WithPrivacyHeaders(Problems.InvalidLink("This opt-out link is not valid."));

    private bool TryReadRequestToken(HttpRequest request, [NotNullWhen(true)] out string? token, [NotNullWhen(true)] out OptOutClaim? claim)
    {
        ArgumentNullException.ThrowIfNull(request);
        token = null;
        claim = null;
        var values = request.Query[TokenParameter];
        if (values.Count != 1 || !signer.TryVerify(values[0], time.GetUtcNow(), out claim))
        {
            return false;
        }

        token = values[0]!;
        return true;
    }

    /// <summary>
    /// The page. The form posts to the same path with the same token (a query-only reference keeps whatever path the
    /// person reached us by) and carries the RFC 8058 body, so the page and a mail client's one-click POST are one request.
    /// </summary>
    private static ApiResult ConfirmationPage(string token, OptOutScope scope)
    {
        var what = scope.Kind == OptOutScopeKind.SpecialOffers
            ? "You will no longer receive special offers from us by email."
            : $"Your information will no longer be shared with our partner <strong>{WebUtility.HtmlEncode(scope.PartnerId)}</strong>.";
        var action = WebUtility.HtmlEncode($"?{TokenParameter}={Uri.EscapeDataString(token)}");
        return LinkPages.Page("Confirm opt-out", $$"""
            <p>{{what}}</p>
            <p>Nothing has changed yet: press the button to confirm.</p>
            <form method="post" action="{{action}}">
            <input type="hidden" name="List-Unsubscribe" value="One-Click">
            <button type="submit">Opt out</button>
            </form>
            """);
    }

    private static ApiResult DonePage(OptOutScope scope)
    {
        var what = scope.Kind == OptOutScopeKind.SpecialOffers
            ? "You will no longer receive special offers from us by email."
            : $"Your information will no longer be shared with our partner <strong>{WebUtility.HtmlEncode(scope.PartnerId)}</strong>, and they have been told if they received it.";
        return LinkPages.Page("You have opted out", $"<p>{what}</p>");
    }

    [LoggerMessage(EventId = 2801, Level = LogLevel.Information, Message = "Opt-out link refused ({Method}): not a valid token")]
    private static partial void LogInvalidLink(ILogger logger, string method);

    [LoggerMessage(EventId = 2803, Level = LogLevel.Information, Message = "Opt-out by link for subject {Subject} ({Scope}): {Count} consents withdrawn")]
    private static partial void LogOptedOut(ILogger logger, string subject, string scope, int count);

    [LoggerMessage(EventId = 2804, Level = LogLevel.Warning, Message = "Opt-out could not be recorded (storage status {Status}, {ErrorCode})")]
    private static partial void LogStorageUnavailable(ILogger logger, int status, string? errorCode);

    [LoggerMessage(EventId = 2802, Level = LogLevel.Information, Message = "Opt-out confirmation page shown for subject {Subject} ({Scope})")]
    private static partial void LogConfirmationShown(ILogger logger, string subject, string scope);
}
