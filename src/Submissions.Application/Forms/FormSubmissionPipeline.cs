using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
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

/// <summary>
/// One submission of any public form, around the form's own steps (<see cref="IFormSubmission{TRequest, TContext}"/>):
/// rate limit, Idempotency-Key, JSON body, honeypot — in that order, cheapest first — then the form's context, its
/// fields and consent answers, its store step, and the answer. A refusal of a request whose key was already answered
/// replays that first answer; a storage failure anywhere is the one "could not be confirmed" 503. One place, so the
/// forms cannot drift apart in how they treat abuse, retries or errors.
/// </summary>
public sealed partial class FormSubmissionPipeline(
    SubmissionRateLimiter rateLimiter,
    ConsentLabelCatalog catalog,
    IdempotencyFingerprinter fingerprints,
    FormStorageGuard guard,
    TimeProvider time,
    IOptions<FormOptions> options,
    IOptions<ConsentCatalogOptions> catalogOptions,
    ILogger<FormSubmissionPipeline> logger)
{
    /// <param name="form">The form's own steps.</param>
    /// <param name="request">The HTTP request.</param>
    /// <param name="target">The route's id (the poll, the promotion), already checked for shape; null for a form without one.</param>
    /// <param name="cancellationToken">The request's token.</param>
    public async Task<IActionResult> SubmitAsync<TRequest, TContext>(
        IFormSubmission<TRequest, TContext> form, HttpRequest request, string? target, CancellationToken cancellationToken)
        where TRequest : class, IFormRequest, IConsentingForm
    {
        ArgumentNullException.ThrowIfNull(form);
        var admission = await AdmitAsync<TRequest>(form.Kind, request, cancellationToken);
        if (admission.Problem is not null)
        {
            return admission.Problem;
        }

        return await guard.SubmitAsync(
            form.Kind, admission.Claim, () => ProcessAsync(form, admission.Form!, admission.Claim, target, cancellationToken), cancellationToken);
    }

    private async Task<FormAdmission<T>> AdmitAsync<T>(string form, HttpRequest request, CancellationToken cancellationToken)
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

    private async Task<IActionResult> ProcessAsync<TRequest, TContext>(
        IFormSubmission<TRequest, TContext> form, TRequest body, IdempotencyClaim? claim, string? target, CancellationToken cancellationToken)
        where TRequest : class, IFormRequest, IConsentingForm
    {
        var loaded = await form.LoadAsync(target, body, cancellationToken);
        if (loaded.Problem is not null)
        {
            return loaded.Problem;
        }

        var context = loaded.Value;
        if (loaded.Refusal is { } early)
        {
            return await RefuseAsync(form, context, claim, () => early, cancellationToken);
        }

        var check = await CheckAsync(form.Kind, body, form.Validator, label => form.Answers(context, label), cancellationToken);
        if (form.CheckFurther(context, body, check) is { } refusal)
        {
            return await RefuseAsync(form, context, claim, () => refusal, cancellationToken);
        }

        if (!check.Errors.IsEmpty)
        {
            return await RefuseAsync(form, context, claim, () => Reject(form.Kind, check.Errors), cancellationToken);
        }

        var stored = await form.StoreAsync(context, body, check.Consent, claim, cancellationToken);
        return stored switch
        {
            { Errors: { } errors } => await RefuseAsync(form, context, claim, () => Reject(form.Kind, errors), cancellationToken),
            { Refusal: { } refused } => await RefuseAsync(form, context, claim, () => refused, cancellationToken),
            _ => Respond(form.Kind, stored.Outcome!, form.Reference(context), form.DuplicateMessage),
        };
    }

    /// <summary>
    /// The form's own rules and its consent answers, checked together so one 400 lists every problem. The labels that
    /// apply are the form's active ones the request answers (a promotion's own, say). A version retired within the
    /// grace may still be answered (ConsentCatalog:RetiredVersionGraceSeconds), the same on every instance; consent
    /// answers refused by this instance's cached catalog are checked again against a fresh one, so no instance refuses
    /// what another accepts because its cache is older.
    /// </summary>
    private async Task<FormCheck> CheckAsync<T>(
        string form, T request, IValidator<T> validator, Func<ConsentLabel, bool> answers, CancellationToken cancellationToken)
        where T : IConsentingForm
    {
        var errors = (await validator.ValidateAsync(request, cancellationToken)).ToFieldErrors();
        var window = new ConsentAnswerWindow(time.GetUtcNow(), TimeSpan.FromSeconds(catalogOptions.Value.RetiredVersionGraceSeconds));
        var labels = await catalog.GetAsync(cancellationToken);
        var consent = ConsentEvaluator.Evaluate(form, labels, answers, request.Consents, window);
        if (!consent.IsValid && await catalog.RefreshAsync(labels, cancellationToken) is { } fresher && !ReferenceEquals(fresher, labels))
        {
            labels = fresher;
            consent = ConsentEvaluator.Evaluate(form, labels, answers, request.Consents, window);
        }

        errors.AddRange(consent.Errors);
        return new FormCheck(errors, consent, [.. labels.ActiveFor(form).Where(answers)]);
    }

    /// <summary>
    /// A refusal — unless the request retries one already answered, which gets its first answer whatever changed
    /// since (a label's version, the poll's status, the promotion's dates).
    /// </summary>
    private async Task<IActionResult> RefuseAsync<TRequest, TContext>(
        IFormSubmission<TRequest, TContext> form, TContext context, IdempotencyClaim? claim, Func<ApiResult> refusal, CancellationToken cancellationToken)
        where TRequest : class, IFormRequest, IConsentingForm =>
        claim is not null && await form.FindPriorOutcomeAsync(context, claim, cancellationToken) is { } prior
            ? Respond(form.Kind, prior, form.Reference(context))
            : refusal();

    private ApiResult Reject(string form, FieldErrors errors)
    {
        LogRejected(logger, form, errors);
        return Problems.ValidationFailed(errors);
    }

    /// <summary>The answer for a store's outcome. <paramref name="duplicate"/> explains a refused duplicate (409).</summary>
    private ApiResult Respond(string form, SubmissionOutcome outcome, string reference, string duplicate = "This was already submitted.")
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
                return Problems.Conflict(ProblemTypes.DuplicateSubmission, duplicate);
            default:
                LogKeyReused(logger, form, reference);
                return Problems.IdempotencyKeyReused(
                    "The Idempotency-Key was already used with a different request.",
                    "Use a new Idempotency-Key for a new submission.");
        }
    }

    /// <summary>A form body that passed the gate, with its idempotency claim when the request carried a key.</summary>
    private sealed record FormAdmission<T>(T? Form, IdempotencyClaim? Claim, ApiResult? Problem)
        where T : class;

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
}
