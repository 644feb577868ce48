using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Abuse;
using Submissions.Application.ConsentLabels;
using Submissions.Application.Http;
using Submissions.Domain.Consent;
using Submissions.Domain.Forms;
using Submissions.Domain.Privacy;
using Submissions.Domain.Validation;
using Submissions.Storage;
using Submissions.Storage.Idempotency;

namespace Submissions.Application.Forms;

/// <summary>The outcome of checking a form: all field errors, the consent decisions, and the labels that applied.</summary>
public sealed record FormCheck(FieldErrors Errors, ConsentEvaluation Consent, IReadOnlyList<ConsentLabel> Applicable);

/// <summary>A form body that passed the gate, with its idempotency claim when the request carried a key.</summary>
public sealed record FormAdmission<T>(T? Form, IdempotencyClaim? Claim, ApiResult? Problem)
    where T : class;

/// <summary>
/// What every public form does before and after its own logic: rate limit, Idempotency-Key, JSON body, honeypot — in
/// that order, cheapest first — and the mapping of a storage outcome or failure to the answer. One place, so the four
/// forms cannot drift apart in how they treat abuse, retries or errors.
/// </summary>
public sealed partial class FormGate(
    SubmissionRateLimiter rateLimiter,
    ConsentLabelCatalog catalog,
    IdempotencyFingerprinter fingerprints,
    TimeProvider time,
    IOptions<FormOptions> options,
    IOptions<ConsentCatalogOptions> catalogOptions,
    ILogger<FormGate> logger)
{
    public async Task<FormAdmission<T>> AdmitAsync<T>(string form, HttpRequest request, CancellationToken cancellationToken)
        where T : class, IFormRequest
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await rateLimiter.TryRejectAsync(form, request, cancellationToken) is { } tooMany)
        {
            return new(null, null, tooMany);
        }

        var key = IdempotencyKeyHeader.Read(request);
        if (key.Problem is not null)
        {
            return new(null, null, key.Problem);
        }

        var body = await JsonBodyReader.ReadAsync<T>(request, options.Value.MaxBodyBytes, cancellationToken);
        if (body.Problem is not null)
        {
            return new(null, null, body.Problem);
        }

        if (Honeypot.IsTriggered(body.Value!.Website))
        {
            LogHoneypot(logger, form);
            return new(null, null, Honeypot.Rejection());
        }

        var claim = key.Key is null ? null : new IdempotencyClaim(form, fingerprints.OfKey(key.Key), fingerprints.OfRequest(body.Bytes.Span));
        return new(body.Value, claim, null);
    }

    /// <summary>
    /// The form's own rules and its consent answers, checked together so one 400 lists every problem. The labels that
    /// apply are the form's active ones, narrowed by <paramref name="belongs"/> when given (a promotion's own labels).
    /// A version retired within the grace may still be answered (ConsentCatalog:RetiredVersionGraceSeconds), the same
    /// on every instance; consent answers refused by this instance's cached catalog are checked again against a fresh
    /// one, so no instance refuses what another accepts because its cache is older.
    /// </summary>
    public async Task<FormCheck> CheckAsync<T>(
        string form, T request, IValidator<T> validator, CancellationToken cancellationToken, Func<ConsentLabel, bool>? belongs = null)
        where T : IConsentingForm
    {
        ArgumentNullException.ThrowIfNull(validator);
        var errors = (await validator.ValidateAsync(request, cancellationToken)).ToFieldErrors();
        var window = new ConsentAnswerWindow(time.GetUtcNow(), TimeSpan.FromSeconds(catalogOptions.Value.RetiredVersionGraceSeconds));
        belongs ??= static _ => true;
        var labels = await catalog.GetAsync(cancellationToken);
        var consent = ConsentEvaluator.Evaluate(form, labels, belongs, request.Consents, window);
        if (!consent.IsValid && await catalog.RefreshAsync(labels, cancellationToken) is { } fresher && !ReferenceEquals(fresher, labels))
        {
            labels = fresher;
            consent = ConsentEvaluator.Evaluate(form, labels, belongs, request.Consents, window);
        }

        errors.AddRange(consent.Errors);
        return new FormCheck(errors, consent, [.. labels.ActiveFor(form).Where(belongs)]);
    }

    /// <summary>
    /// A refusal — unless the request retries one already answered, which gets its first answer whatever changed
    /// since (a label's version, the poll's status, the promotion's dates). <paramref name="findPrior"/> looks up the
    /// key where the form stores it; null when the request does not say where that is.
    /// </summary>
    public async Task<ApiResult> RefuseAsync(
        string form, IdempotencyClaim? claim, Func<IdempotencyClaim, Task<SubmissionOutcome?>>? findPrior, string reference, Func<ApiResult> refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return claim is not null && findPrior is not null && await findPrior(claim) is { } prior
            ? Respond(form, prior, reference)
            : refusal();
    }

    public ApiResult Reject(string form, FieldErrors errors)
    {
        LogRejected(logger, form, errors);
        return Problems.ValidationFailed(errors);
    }

    /// <summary>The answer for a store's outcome. <paramref name="duplicate"/> explains a refused duplicate (409).</summary>
    public ApiResult Respond(string form, SubmissionOutcome outcome, string reference, string duplicate = "This was already submitted.")
    {
        switch (outcome)
        {
            case SubmissionOutcome.Saved saved:
                return ApiResult.FromStoredJson(saved.Response.StatusCode, saved.Response.Json);
            case SubmissionOutcome.Replayed replayed:
                LogReplayed(logger, form, reference);
                return ApiResult.FromStoredJson(replayed.Response.StatusCode, replayed.Response.Json).WithHeader("Idempotent-Replayed", "true");
            case SubmissionOutcome.Duplicate:
                LogDuplicate(logger, form, reference);
                return Problems.Conflict(duplicate);
            default:
                LogKeyReused(logger, form, reference);
                return Problems.Unprocessable(
                    "The Idempotency-Key was already used with a different request.",
                    "Use a new Idempotency-Key for a new submission.");
        }
    }

    /// <summary>Storage failed a read or an admin write of this form: nothing about a submission is in doubt.</summary>
    public ApiResult StorageUnavailable(string form, Exception exception)
    {
        LogFailure(form, exception);
        return Problems.ServiceUnavailable($"The {form} service is temporarily unavailable.", TimeSpan.FromSeconds(options.Value.RetryAfterSeconds));
    }

    /// <summary>
    /// Storage failed a submission. Its transaction may have committed with only the answer lost, so the client is told
    /// it may be stored — and, only when it sent an Idempotency-Key, that retrying cannot store it twice.
    /// </summary>
    public ApiResult SubmissionUnconfirmed(string form, IdempotencyClaim? claim, Exception exception)
    {
        LogFailure(form, exception);
        return Problems.ServiceUnavailable(
            $"The {form} could not be confirmed as stored.",
            TimeSpan.FromSeconds(options.Value.RetryAfterSeconds),
            claim is null
                ? "Storage did not answer, so it may or may not have been stored. Retry later; send an Idempotency-Key with submissions so that a retry is never stored twice."
                : "Storage did not answer, so it may or may not have been stored. Retry later with the same Idempotency-Key: a retry with it is never stored twice.");
    }

    private void LogFailure(string form, Exception exception)
    {
        var (status, errorCode) = StorageFailure.Describe(exception);
        LogStorageUnavailable(logger, form, status, errorCode);
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "{Form} submission replayed from its Idempotency-Key ({Reference})")]
    private static partial void LogReplayed(ILogger logger, string form, string reference);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "{Form} submission reused an Idempotency-Key with a different body ({Reference})")]
    private static partial void LogKeyReused(ILogger logger, string form, string reference);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "{Form} submission rejected; invalid fields: {Fields}")]
    private static partial void LogRejected(ILogger logger, string form, FieldErrors fields);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "{Form} submission rejected by the honeypot field")]
    private static partial void LogHoneypot(ILogger logger, string form);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "{Form} submission refused as a duplicate ({Reference})")]
    private static partial void LogDuplicate(ILogger logger, string form, string reference);

    [LoggerMessage(EventId = 1090, Level = LogLevel.Error, Message = "Storage unavailable while storing a {Form} submission: status {Status}, error code {ErrorCode}")]
    private static partial void LogStorageUnavailable(ILogger logger, string form, int status, string? errorCode);
}
