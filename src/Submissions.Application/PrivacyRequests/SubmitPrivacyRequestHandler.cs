using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Abuse;
using Submissions.Application.Http;
using Submissions.Domain.Privacy;
using Submissions.Domain.PrivacyRequests;
using Submissions.Domain.Validation;
using Submissions.Storage.PrivacyRequests;
using Submissions.Storage.Queues;

namespace Submissions.Application.PrivacyRequests;

/// <summary>
/// POST privacy-requests: a person asks for a copy of their data, or its erasure. The same checks as the forms (rate
/// limit, body, honeypot, fields); then always the same work — the request row (the outbox of its link mail), its
/// queue message, its audit record — and always the same 202. Nothing about the person is read here, so neither the
/// answer nor the storage round trips can tell a known address from an unknown one.
/// </summary>
public sealed partial class SubmitPrivacyRequestHandler(
    SubmissionRateLimiter rateLimiter,
    IValidator<PrivacyRequestBody> validator,
    SubjectKeyHasher subjectKeys,
    PrivacyRequestStore store,
    SubmissionsQueues queues,
    PrivacyRequestAudit audit,
    FormStorageGuard guard,
    IOptions<FormOptions> options,
    TimeProvider time,
    ILogger<SubmitPrivacyRequestHandler> logger)
{
    /// <summary>The form name of the rate limit and the logs.</summary>
    public const string FormName = "privacy-request";

    /// <summary>How long the confirm link works.</summary>
    public static TimeSpan LinkLifetime { get; } = TimeSpan.FromHours(24);

    public async Task<IActionResult> SubmitAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await rateLimiter.TryRejectAsync(FormName, request, cancellationToken) is { } tooMany)
        {
            return tooMany;
        }

        var body = await JsonBodyReader.ReadAsync<PrivacyRequestBody>(request, options.Value.MaxBodyBytes, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (Honeypot.IsTriggered(body.Value!.Website))
        {
            LogHoneypot(logger);
            return Honeypot.Rejection();
        }

        var validation = await validator.ValidateAsync(body.Value, cancellationToken);
        if (!validation.IsValid)
        {
            return Problems.ValidationFailed(validation.ToFieldErrors());
        }

        return await guard.SubmitAsync(FormName, claim: null, () => StoreAsync(body.Value, cancellationToken), cancellationToken);
    }

    private async Task<IActionResult> StoreAsync(PrivacyRequestBody body, CancellationToken cancellationToken)
    {
        var subject = subjectKeys.For(body.Email!);
        var now = time.GetUtcNow();
        var requestId = Guid.CreateVersion7().ToString("N");
        await store.AddAsync(new NewPrivacyRequest(requestId, body.Kind!, subject.Value, body.Email!.Trim(), now, now + LinkLifetime), cancellationToken);

        // The row is the outbox: a lost message only delays the mail until the sweep re-sends it.
        await FormStorageGuard.TryAsync(
            () => queues.SendMailAsync(PrivacyRequestMailKind.KindName, requestId, CancellationToken.None),
            status => LogEnqueueFailed(logger, requestId, status));
        await audit.RecordAsync(PrivacyRequestAudit.Requested, body.Kind!, subject.Value, 0, cancellationToken);
        LogRequested(logger, requestId, body.Kind!);
        return new ApiResult(StatusCodes.Status202Accepted, PrivacyRequestAccepted.Instance).WithHeader("Cache-Control", "no-store");
    }

    [LoggerMessage(EventId = 3601, Level = LogLevel.Information, Message = "Privacy request {RequestId} ({Kind}) stored; its link mail is owed")]
    private static partial void LogRequested(ILogger logger, string requestId, string kind);

    [LoggerMessage(EventId = 3602, Level = LogLevel.Warning, Message = "Privacy request {RequestId}: its mail is owed but the queue message failed (status {Status}); the outbox sweep will send it")]
    private static partial void LogEnqueueFailed(ILogger logger, string requestId, int status);

    [LoggerMessage(EventId = 3603, Level = LogLevel.Information, Message = "Privacy request refused: honeypot filled")]
    private static partial void LogHoneypot(ILogger logger);
}
