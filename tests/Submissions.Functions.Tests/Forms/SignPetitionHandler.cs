using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Submissions.Application.Forms;
using Submissions.Application.Http;
using Submissions.Domain;
using Submissions.Domain.Consent;
using Submissions.Domain.Privacy;
using Submissions.Storage;
using Submissions.Storage.Idempotency;
using Submissions.Storage.Ledger;

namespace Submissions.Functions.Tests.Forms;

/// <summary>
/// POST petitions/{petitionId}/signatures: what is particular to the petition, plugged into the one submission
/// pipeline (rate limit, Idempotency-Key, body, honeypot, consent, replays, storage failures are the pipeline's). Its
/// context is the petition id from the route.
/// </summary>
public sealed class SignPetitionHandler(
    FormSubmissionPipeline pipeline,
    IValidator<SignatureRequest> validator,
    SubjectKeyHasher subjectKeys,
    SignatureStore store,
    TimeProvider time) : IFormSubmission<SignatureRequest, string>
{
    public string Kind => PetitionForm.Kind;

    public IValidator<SignatureRequest> Validator => validator;

    public string DuplicateMessage => "This person has already signed this petition.";

    public async Task<IActionResult> SubmitAsync(HttpRequest request, string petitionId, CancellationToken cancellationToken) =>
        Identifiers.IsValid(petitionId) ? await pipeline.SubmitAsync(this, request, petitionId, cancellationToken) : Problems.NotFound("No such petition.");

    public Task<FormContext<string>> LoadAsync(string? target, SignatureRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new FormContext<string>(target!));

    public string Reference(string context) => context;

    public Task<SubmissionOutcome?> FindPriorOutcomeAsync(string context, IdempotencyClaim claim, CancellationToken cancellationToken) =>
        store.FindPriorOutcomeAsync(context, claim, cancellationToken);

    public async Task<FormStored> StoreAsync(
        string context, SignatureRequest request, ConsentEvaluation consent, IdempotencyClaim? claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(consent);
        var now = time.GetUtcNow();
        var receipt = new ConsentReceiptDraft(Guid.CreateVersion7().ToString("N"), Kind, now, consent.Decisions);
        var signature = new NewSignature(context, Guid.CreateVersion7().ToString("N"), subjectKeys.For(request.Email!).Value, request.Email!, request.Name!.Trim(), now);
        var body = new SignatureSubmittedResponse(signature.SignatureId, context, ConsentReceiptView.From(receipt.ReceiptId, now, consent.Decisions));
        var response = new StoredResponse(StatusCodes.Status201Created, JsonSerializer.Serialize(body, ApiJson.Options));
        return new FormStored(await store.AddAsync(signature, receipt, claim, response, cancellationToken));
    }
}
