using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Submissions.Application.Confirmations;
using Submissions.Application.Forms;
using Submissions.Application.Http;
using Submissions.Domain.Consent;
using Submissions.Domain.Forms;
using Submissions.Domain.Privacy;
using Submissions.Domain.Registrations;
using Submissions.Domain.Validation;
using Submissions.Storage;
using Submissions.Storage.Idempotency;
using Submissions.Storage.Subjects;

namespace Submissions.Application.Registrations;

/// <summary>
/// POST registrations: stored as pending in the person's partition (pending row, receipt and idempotency record in one
/// transaction) and owed a confirmation mail; the member changes only when the owner of the email confirms. Its context is the person's key, when the email is usable. Logs carry the key's short form, never the person.
/// </summary>
public sealed partial class SubmitRegistrationHandler(
    FormSubmissionPipeline pipeline,
    IValidator<RegistrationRequest> validator,
    SubjectKeyHasher subjectKeys,
    RegistrationStore store,
    PendingSubmissions pendingSubmissions,
    ConfirmationMailOwing confirmationMail,
    TimeProvider time,
    ILogger<SubmitRegistrationHandler> logger) : IFormSubmission<RegistrationRequest, SubjectKey?>
{
    public string Kind => FormKind.Registration;

    public IValidator<RegistrationRequest> Validator => validator;

    public Task<IActionResult> SubmitAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.SubmitAsync(this, request, target: null, cancellationToken);

    // The key is stored in the person's partition: it can be looked up only if the email is usable.
    public Task<FormContext<SubjectKey?>> LoadAsync(string? target, RegistrationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subject = TextRules.IsPlainEmailAddress(request.Email ?? string.Empty) ? subjectKeys.For(request.Email!) : (SubjectKey?)null;
        return Task.FromResult(new FormContext<SubjectKey?>(subject));
    }

    public string Reference(SubjectKey? context) => context?.ShortForm ?? "unknown";

    public Task<SubmissionOutcome?> FindPriorOutcomeAsync(SubjectKey? context, IdempotencyClaim claim, CancellationToken cancellationToken) =>
        context is { } person ? store.FindPriorOutcomeAsync(person, claim, cancellationToken) : Task.FromResult<SubmissionOutcome?>(null);

    public async Task<FormStored> StoreAsync(
        SubjectKey? context, RegistrationRequest request, ConsentEvaluation consent, IdempotencyClaim? claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(consent);
        var subject = subjectKeys.For(request.Email!);
        var now = time.GetUtcNow();
        var receiptId = Guid.CreateVersion7().ToString("N");

        // Demographic fields exist in storage only when their own consent was granted.
        var profile = request.Profile ?? new RegistrationProfile(null, null, null, null);
        if (!consent.IsGranted(ConsentPurpose.Demographics))
        {
            profile = profile.WithoutDemographics();
        }

        // A fresh id for every registration: echoing the member id would tell whoever knows an email that it is
        // registered, and its UUIDv7 time when. The first registration's id becomes the member id.
        var registrationId = Guid.CreateVersion7().ToString("N");
        var data = new RegistrationData(profile.Language, profile.Country, profile.AgeRange, profile.Gender);
        var pending = pendingSubmissions.Create(
            Kind, SubmissionsTables.SubjectsName, subject.Value, subject.Value, request.Email!, request.DisplayName!.Trim(), JsonSerializer.Serialize(data), consent.Decisions, receiptId, registrationId, now);
        var response = new RegistrationResponse(registrationId, ConfirmationStatus.Awaiting, ConsentReceiptView.From(receiptId, now, consent.Decisions));
        var stored = new StoredResponse(StatusCodes.Status201Created, JsonSerializer.Serialize(response, ApiJson.Options));
        var outcome = await store.SavePendingAsync(pending, claim, stored, cancellationToken);
        if (outcome is SubmissionOutcome.Saved)
        {
            LogStored(logger, subject.ShortForm, receiptId, consent.Decisions.Count);
            await confirmationMail.OweAsync(pending.ConfirmationId);
        }

        return new FormStored(outcome);
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Registration stored for subject {Subject}, awaiting confirmation: receipt {ReceiptId}, {ConsentCount} consent answers")]
    private static partial void LogStored(ILogger logger, string subject, string receiptId, int consentCount);
}
