using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Abuse;
using Submissions.Application.ConsentLabels;
using Submissions.Application.Http;
using Submissions.Domain;
using Submissions.Domain.Consent;
using Submissions.Domain.Forms;
using Submissions.Domain.Privacy;
using Submissions.Domain.Registrations;
using Submissions.Domain.Validation;
using Submissions.Storage;
using Submissions.Storage.Subjects;

namespace Submissions.Application.Registrations;

/// <summary>
/// POST registrations: validate, check every consent answer against the catalog, then store member, receipt,
/// ledger and idempotency record in one transaction. Logs carry the subject key's short form, never the person.
/// </summary>
public sealed partial class RegistrationHandler(
    IValidator<RegistrationRequest> validator,
    ConsentLabelCatalog catalog,
    SubmissionRateLimiter rateLimiter,
    SubjectKeyHasher subjectKeys,
    RegistrationStore store,
    TimeProvider time,
    IOptions<FormOptions> formOptions,
    ILogger<RegistrationHandler> logger)
{
    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (rateLimiter.TryReject(FormKind.Registration, request) is { } tooMany)
        {
            return tooMany;
        }

        var idempotencyKey = IdempotencyKeyHeader.Read(request);
        if (idempotencyKey.Problem is not null)
        {
            return idempotencyKey.Problem;
        }

        var body = await JsonBodyReader.ReadAsync<RegistrationRequest>(request, formOptions.Value.MaxBodyBytes, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var form = body.Value!;
        if (Honeypot.IsTriggered(form.Website))
        {
            LogHoneypot(logger, FormKind.Registration);
            return Honeypot.Rejection();
        }

        var claim = idempotencyKey.KeyHash is null
            ? null
            : new IdempotencyClaim(FormKind.Registration, idempotencyKey.KeyHash, ContentHash.Sha256Hex(body.Bytes.Span));
        try
        {
            var errors = (await validator.ValidateAsync(form, cancellationToken)).ToFieldErrors();
            var consent = ConsentEvaluator.Evaluate(FormKind.Registration, await catalog.GetAsync(cancellationToken), form.Consents);
            errors.AddRange(consent.Errors);
            if (errors.IsEmpty)
            {
                return await StoreAsync(form, consent, claim, cancellationToken);
            }

            // A retry must get the first answer even if the catalog moved on since: look for one before rejecting.
            if (claim is not null && TextRules.IsPlainEmailAddress(form.Email ?? string.Empty)
                && await store.FindPriorOutcomeAsync(subjectKeys.For(form.Email!), claim, cancellationToken) is { } prior)
            {
                return Respond(prior, subjectKeys.For(form.Email!));
            }

            LogRejected(logger, FormKind.Registration, errors);
            return Problems.ValidationFailed(errors);
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            var (status, errorCode) = StorageFailure.Describe(ex);
            LogStorageUnavailable(logger, FormKind.Registration, status, errorCode);
            return Problems.ServiceUnavailable("The registration could not be stored.", TimeSpan.FromSeconds(formOptions.Value.RetryAfterSeconds));
        }
    }

    private async Task<IActionResult> StoreAsync(RegistrationRequest form, ConsentEvaluation consent, IdempotencyClaim? claim, CancellationToken cancellationToken)
    {
        var subject = subjectKeys.For(form.Email!);
        var receipt = new ConsentReceiptDraft(Guid.CreateVersion7().ToString("N"), FormKind.Registration, time.GetUtcNow(), consent.Decisions);

        // Demographic fields exist in storage only when their own consent was granted.
        var profile = form.Profile ?? new RegistrationProfile(null, null, null, null);
        if (!consent.IsGranted(ConsentPurpose.Demographics))
        {
            profile = profile.WithoutDemographics();
        }

        var member = new MemberRecord(form.Email!, form.DisplayName!.Trim(), profile.Language, profile.Country, profile.AgeRange, profile.Gender);
        var outcome = await store.SaveAsync(subject, member, receipt, claim, memberId => ResponseFor(memberId, receipt), cancellationToken);
        if (outcome is RegistrationSaveResult.Saved saved)
        {
            LogStored(logger, subject.ShortForm, receipt.ReceiptId, saved.NewMember, receipt.Decisions.Count);
        }

        return Respond(outcome, subject);
    }

    private ApiResult Respond(RegistrationSaveResult outcome, SubjectKey subject)
    {
        switch (outcome)
        {
            case RegistrationSaveResult.Saved saved:
                return ApiResult.FromStoredJson(saved.Response.StatusCode, saved.Response.Json);
            case RegistrationSaveResult.Replayed replayed:
                LogReplayed(logger, FormKind.Registration, subject.ShortForm);
                return ApiResult.FromStoredJson(replayed.Response.StatusCode, replayed.Response.Json).WithHeader("Idempotent-Replayed", "true");
            default:
                LogKeyReused(logger, FormKind.Registration, subject.ShortForm);
                return Problems.Unprocessable(
                    "The Idempotency-Key was already used with a different request.",
                    "Use a new Idempotency-Key for a new submission.");
        }
    }

    private static StoredResponse ResponseFor(string memberId, ConsentReceiptDraft receipt)
    {
        var response = new RegistrationResponse(memberId, ConsentReceiptView.From(receipt.ReceiptId, receipt.RecordedAt, receipt.Decisions));
        return new StoredResponse(StatusCodes.Status201Created, JsonSerializer.Serialize(response, ApiJson.Options));
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Registration stored for subject {Subject}: receipt {ReceiptId}, new member {NewMember}, {ConsentCount} consent answers")]
    private static partial void LogStored(ILogger logger, string subject, string receiptId, bool newMember, int consentCount);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "{Form} submission replayed from its Idempotency-Key for subject {Subject}")]
    private static partial void LogReplayed(ILogger logger, string form, string subject);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "{Form} submission reused an Idempotency-Key with a different body for subject {Subject}")]
    private static partial void LogKeyReused(ILogger logger, string form, string subject);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "{Form} submission rejected; invalid fields: {Fields}")]
    private static partial void LogRejected(ILogger logger, string form, FieldErrors fields);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "{Form} submission rejected by the honeypot field")]
    private static partial void LogHoneypot(ILogger logger, string form);

    [LoggerMessage(EventId = 1090, Level = LogLevel.Error, Message = "Storage unavailable while storing a {Form} submission: status {Status}, error code {ErrorCode}")]
    private static partial void LogStorageUnavailable(ILogger logger, string form, int status, string? errorCode);
}
