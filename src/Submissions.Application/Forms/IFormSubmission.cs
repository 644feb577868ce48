using FluentValidation;
using Submissions.Application.Http;
using Submissions.Domain.Consent;
using Submissions.Domain.Forms;
using Submissions.Storage;
using Submissions.Storage.Idempotency;

namespace Submissions.Application.Forms;

/// <summary>
/// What is particular to one public form. <see cref="FormSubmissionPipeline"/> does the rest — rate limit,
/// Idempotency-Key, body, honeypot, consent, replays, the answer, storage failures — in the same order for every form.
/// </summary>
/// <typeparam name="TRequest">The form's body.</typeparam>
/// <typeparam name="TContext">What the form loads about the request's target before checking it (<see cref="LoadAsync"/>).</typeparam>
public interface IFormSubmission<TRequest, TContext>
    where TRequest : class, IFormRequest, IConsentingForm
{
    /// <summary>The form kind (<see cref="FormKind"/>): its consent labels, its logs, its idempotency keys.</summary>
    string Kind { get; }

    IValidator<TRequest> Validator { get; }

    /// <summary>The 409 title when a uniqueness rule refuses the submission.</summary>
    string DuplicateMessage => "This was already submitted.";

    /// <summary>The request's context; <paramref name="target"/> is the route's id (null for a form without one).</summary>
    Task<FormContext<TContext>> LoadAsync(string? target, TRequest request, CancellationToken cancellationToken);

    /// <summary>What logs name the submission by: never the person.</summary>
    string Reference(TContext context);

    /// <summary>The answer a key already has, where the form keeps it; null when the request does not say where that is.</summary>
    Task<SubmissionOutcome?> FindPriorOutcomeAsync(TContext context, IdempotencyClaim claim, CancellationToken cancellationToken);

    /// <summary>Whether the request answers this active label of the form (a promotion's own sharing labels only).</summary>
    bool Answers(TContext context, ConsentLabel label) => true;

    /// <summary>Checks beyond the validator and the consent answers: adds to the check's errors, or refuses outright.</summary>
    ApiResult? CheckFurther(TContext context, TRequest request, FormCheck check) => null;

    /// <summary>The form's store step, for a request that passed every check.</summary>
    Task<FormStored> StoreAsync(TContext context, TRequest request, ConsentEvaluation consent, IdempotencyClaim? claim, CancellationToken cancellationToken);
}
