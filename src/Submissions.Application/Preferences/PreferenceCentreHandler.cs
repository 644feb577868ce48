using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Http;
using Submissions.Application.Links;
using Submissions.Domain.Links;
using Submissions.Domain.Privacy;
using Submissions.Storage;

namespace Submissions.Application.Preferences;

/// <summary>
/// <c>/api/preferences?token=</c>, the preference-centre link of every mail: the token (purpose <c>preferences</c>)
/// names the person's subject key and is the only credential. GET shows their choices and changes nothing (it reads
/// storage, unlike the confirm page: a prefetching scanner sees the page, no more). POST sets them — the page's form,
/// or JSON from a script — and answers with the page or JSON. An unknown or erased person gets the same status as a
/// known one, and a page saying no choices are held: only the mailbox's owner sees the difference.
/// </summary>
public sealed partial class PreferenceCentreHandler(
    SignedLinks links,
    PreferenceCentre centre,
    IOptions<FormOptions> formOptions,
    TimeProvider time,
    ILogger<PreferenceCentreHandler> logger)
{
    public async Task<IActionResult> ShowAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (token, subject, refusal) = Read(request);
        if (refusal is not null)
        {
            return refusal;
        }

        try
        {
            var choices = await centre.ReadAsync(subject!.Value, cancellationToken);
            LogPageShown(logger, choices.Labels.Count);
            return PreferencePage.Render(token!, choices);
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return Unavailable(ex, "Your choices could not be read.");
        }
    }

    public async Task<IActionResult> ChangeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (token, subject, refusal) = Read(request);
        if (refusal is not null)
        {
            return refusal;
        }

        var (wanted, problem) = await PreferenceRequestReader.ReadAsync(request, formOptions.Value.MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return LinkPages.WithPrivacyHeaders(problem);
        }

        try
        {
            return Answer(request, token!, await centre.ChangeAsync(subject!.Value, wanted!, cancellationToken));
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return Unavailable(ex, "Your choices could not be saved.");
        }
    }

    private static ApiResult Answer(HttpRequest request, string token, PreferenceChange change)
    {
        // Errors are problem+json for a browser too: the page never offers what is refused, only a crafted request asks it.
        if (change.Refused is { } errors)
        {
            return LinkPages.WithPrivacyHeaders(Problems.ValidationFailed(errors));
        }

        if (LinkPages.WantsHtml(request))
        {
            return PreferencePage.Render(token, change.Choices, change.Changed
                ? $"Saved: {change.Withdrawn.Count} withdrawn, {change.Granted.Count} given."
                : "Nothing needed changing: your choices were already as shown.");
        }

        var response = new PreferencesResponse(change.Changed ? "updated" : "unchanged", change.Choices.Labels, change.Withdrawn, change.Granted, change.ReceiptIds);
        return LinkPages.WithPrivacyHeaders(ApiResult.Ok(response).WithHeader("Cache-Control", "no-store"));
    }

    /// <summary>The token's subject while it is valid; the generic invalid-link 400, or 410 once it has expired.</summary>
    private (string? Token, SubjectKey? Subject, ApiResult? Refusal) Read(HttpRequest request)
    {
        var token = LinkPages.Token(request);
        if (links.Signer(LinkPurpose.Preferences).Read(token) is not { } claim)
        {
            LogInvalidLink(logger, request.Method);
            return (null, null, LinkPages.WithPrivacyHeaders(Problems.InvalidLink("This preference link is not valid.")));
        }

        if (claim.IsExpiredAt(time.GetUtcNow()))
        {
            LogExpiredLink(logger, request.Method);
            return (null, null, LinkPages.WithPrivacyHeaders(Problems.LinkExpired(
                "This preference link is no longer valid.", "Preference links expire after a few weeks. The link in a more recent mail from us works.")));
        }

        return (token, new SubjectKey(claim.IdAsHex()), null);
    }

    private ApiResult Unavailable(Exception ex, string title)
    {
        var (status, errorCode) = StorageFailure.Describe(ex);
        LogStorageUnavailable(logger, status, errorCode ?? "none");
        return LinkPages.WithPrivacyHeaders(Problems.ServiceUnavailable(title, TimeSpan.FromSeconds(formOptions.Value.RetryAfterSeconds)));
    }

    [LoggerMessage(EventId = 3562, Level = LogLevel.Information, Message = "Preference link refused ({Method}): not a valid token")]
    private static partial void LogInvalidLink(ILogger logger, string method);

    [LoggerMessage(EventId = 3563, Level = LogLevel.Information, Message = "Preference link refused ({Method}): expired")]
    private static partial void LogExpiredLink(ILogger logger, string method);

    [LoggerMessage(EventId = 3564, Level = LogLevel.Information, Message = "Preference centre shown with {Count} labels")]
    private static partial void LogPageShown(ILogger logger, int count);

    [LoggerMessage(EventId = 3565, Level = LogLevel.Warning, Message = "Preference centre could not reach storage (status {Status}, {ErrorCode})")]
    private static partial void LogStorageUnavailable(ILogger logger, int status, string errorCode);
}
