using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Http;
using Submissions.Application.Notices;
using Submissions.Domain;
using Submissions.Domain.Validation;
using Submissions.Storage;
using Submissions.Storage.Deliveries;
using Submissions.Storage.Partners;

namespace Submissions.Application.Deliveries;

/// <summary>
/// What an admin does with one partner's delivery: send it a signed test event, resume it after a pause, recover what
/// failed since an outage began. Ids and counts only in answers and logs, never a lead.
/// </summary>
public sealed partial class PartnerOperationsHandler(
    PartnerStore partners,
    DeadLetterStore deadLetters,
    PartnerDeliveryProcessor deliveries,
    PartnerNoticeProcessor notices,
    PartnerRetries retries,
    SignedWebhookSender sender,
    IOptions<FormOptions> formOptions,
    TimeProvider time,
    ILogger<PartnerOperationsHandler> logger)
{
    /// <summary>One recover call re-owes at most this many dead letters; the answer says when more are left (call again).</summary>
    public const int RecoverLimit = 500;

    /// <summary>
    /// POST manage/partners/{partnerId}/resume: the partner's breaker closes, and every lead and notice owed to it is
    /// sent at once (each person's leads in order, as ever). Safe to repeat; 200 also for a partner that was not paused.
    /// </summary>
    public Task<IActionResult> ResumeAsync(string partnerId, CancellationToken cancellationToken) =>
        ForPartnerAsync(partnerId, "The partner could not be resumed.", async _ =>
        {
            var wasPaused = await retries.Breaker.ResumeAsync(partnerId, cancellationToken);
            var leads = await deliveries.ResumeWaitingAsync(partnerId, cancellationToken);
            var waitingNotices = await notices.ResumeWaitingAsync(partnerId, cancellationToken);
            return ApiResult.Ok(new PartnerResumed(partnerId, wasPaused, leads, waitingNotices));
        }, cancellationToken);

    /// <summary>
    /// POST manage/partners/{partnerId}/test: one signed <c>webhook.test</c> event (no personal data, a fresh
    /// webhook-id) posted now, on the same path as a lead — destination policy, signing secrets, client with its
    /// in-process retries — and the partner's answer reported. Sent to an inactive or paused partner too: that is when
    /// one wants to know. Changes nothing: not the partner's health either (an admin resumes a paused partner).
    /// </summary>
    public Task<IActionResult> TestAsync(string partnerId, CancellationToken cancellationToken) =>
        ForPartnerAsync(partnerId, "The test event could not be sent.", async partner =>
        {
            var testId = "test_" + Guid.CreateVersion7().ToString("N");
            if (!sender.TryResolve(partnerId, partner.WebhookUrl, out var target, out var unusable))
            {
                return ApiResult.Ok(new PartnerTestResult(partnerId, testId, false, unusable, 0));
            }

            var payload = JsonSerializer.SerializeToUtf8Bytes(new PartnerTestEvent("webhook.test", testId, partnerId, time.GetUtcNow()), ApiJson.Options);
            var started = Stopwatch.GetTimestamp();
            string? refusal;
            try
            {
                refusal = (await sender.PostAsync(target, testId, payload, cancellationToken)).Refusal;
            }
            catch (TransientDeliveryException ex)
            {
                refusal = ex.Reason;
            }

            var milliseconds = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogTested(logger, partnerId, refusal ?? "accepted");
            return ApiResult.Ok(new PartnerTestResult(partnerId, testId, refusal is null, refusal, milliseconds));
        }, cancellationToken);

    /// <summary>
    /// POST manage/partners/{partnerId}/recover?since=: every lead and notice of the partner that failed for good at or
    /// after <c>since</c> (an ISO 8601 instant with its offset) is owed again and queued, each starting a fresh retry
    /// schedule — after an outage, all at once instead of one dead letter at a time. At most <see cref="RecoverLimit"/>
    /// a call; <c>more</c> says to call again.
    /// </summary>
    public async Task<IActionResult> RecoverAsync(HttpRequest request, string partnerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!QueryParameter.TryRead(request, "since", out var text) || !TryReadInstant(text, out var since) || since > time.GetUtcNow())
        {
            return Problems.ValidationFailed(
                "since", "'since' must be a past ISO 8601 date and time with its offset, such as 2026-11-24T00:00:00Z (a + encoded as %2B).", FieldErrorCodes.Invalid);
        }

        return await ForPartnerAsync(partnerId, "The failed deliveries could not be recovered.", async _ =>
        {
            var failures = await deadLetters.ListForPartnerAsync(partnerId, since, RecoverLimit + 1, cancellationToken);

            // Owed again all at once, oldest failure first: each person's order is checked for a schedule from now.
            await retries.Breaker.KeepOrderCheckedAsync(partnerId, cancellationToken);
            var (leads, owedNotices) = (0, 0);
            foreach (var failure in failures.Take(RecoverLimit).OrderBy(failure => failure.FailedAt).ThenBy(failure => failure.Id, StringComparer.Ordinal))
            {
                if (failure.Kind == DeadLetter.NoticeKind)
                {
                    owedNotices += await notices.RetryAsync(failure, cancellationToken) ? 1 : 0;
                }
                else
                {
                    leads += await deliveries.RetryAsync(failure, cancellationToken) ? 1 : 0;
                }
            }

            LogRecovered(logger, partnerId, leads, owedNotices);
            return new ApiResult(StatusCodes.Status202Accepted, new PartnerRecovered(partnerId, since, leads, owedNotices, failures.Count > RecoverLimit));
        }, cancellationToken);
    }

    /// <summary>ISO 8601 with its offset only ("2026-11-24T00:00:00" would be read in the server's zone); from 2000 on.</summary>
    private static bool TryReadInstant(string? text, out DateTimeOffset instant)
    {
        instant = default;

        // An unencoded "+01:00" arrives as " 01:00": read as what was meant.
        var given = text?.Length > 6 && text[^6] == ' ' ? string.Concat(text.AsSpan(0, text.Length - 6), "+", text.AsSpan(text.Length - 5)) : text;
        return given is not null
            && DateTimeOffset.TryParseExact(given, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant)
            && instant.Year >= 2000;
    }

    private static readonly string[] InstantFormats =
        ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mmzzz"];

    /// <summary>The partner's id checked, the partner read (404 when unknown), the action run; a storage failure is a 503.</summary>
    private async Task<IActionResult> ForPartnerAsync(string partnerId, string unavailable, Func<StoredPartner, Task<ApiResult>> action, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(partnerId))
        {
            return Problems.InvalidId("partnerId");
        }

        try
        {
            return await partners.GetAsync(partnerId, cancellationToken) is { } partner
                ? (await action(partner)).WithHeader("Cache-Control", "no-store")
                : Problems.NotFound("No partner with this id.");
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return Problems.ServiceUnavailable(unavailable, TimeSpan.FromSeconds(formOptions.Value.RetryAfterSeconds));
        }
    }

    [LoggerMessage(EventId = 2116, Level = LogLevel.Information, Message = "Test event sent to partner {PartnerId}: {Outcome}")]
    private static partial void LogTested(ILogger logger, string partnerId, string outcome);

    [LoggerMessage(EventId = 2117, Level = LogLevel.Information, Message = "Recovered for partner {PartnerId}: {Leads} leads and {Notices} notices owed again")]
    private static partial void LogRecovered(ILogger logger, string partnerId, int leads, int notices);
}
