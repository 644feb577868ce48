using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Submissions.Application.Forms;
using Submissions.Application.Http;
using Submissions.Domain.Consent;
using Submissions.Domain.Forms;
using Submissions.Domain.Privacy;
using Submissions.Domain.Registrations;
using Submissions.Domain.Validation;
using Submissions.Storage;
using Submissions.Storage.Idempotency;
using Submissions.Storage.Ledger;
using Submissions.Storage.Subjects;

namespace Submissions.Application.Registrations;

/// <summary>
/// POST registrations: member, receipt, ledger and idempotency record stored in one transaction in the person's
/// partition. Its context is the person's key, when the email is usable. Logs carry the key's short form, never the person.
/// </summary>
public sealed partial class SubmitRegistrationHandler(
    FormSubmissionPipeline pipeline,
    IValidator<RegistrationRequest> validator,
    SubjectKeyHasher subjectKeys,
    RegistrationStore store,
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
        var receipt = new ConsentReceiptDraft(Guid.CreateVersion7().ToString("N"), Kind, time.GetUtcNow(), consent.Decisions);

        // Demographic fields exist in storage only when their own consent was granted.
        var profile = request.Profile ?? new RegistrationProfile(null, null, null, null);
        if (!consent.IsGranted(ConsentPurpose.Demographics))
        {
            profile = profile.WithoutDemographics();
        }

        var member = new MemberRecord(request.Email!, request.DisplayName!.Trim(), profile.Language, profile.Country, profile.AgeRange, profile.Gender);
        // A fresh id for every registration: echoing the member id would tell whoever knows an email that it is
        // registered, and its UUIDv7 time when. The first registration's id becomes the member id.
        var registrationId = Guid.CreateVersion7().ToString("N");
        var outcome = await store.SaveAsync(subject, member, receipt, claim, registrationId, ResponseFor(registrationId, receipt), cancellationToken);
        if (outcome is SubmissionOutcome.Saved saved)
        {
            LogStored(logger, subject.ShortForm, receipt.ReceiptId, saved.NewRecord, receipt.Decisions.Count);
        }

        return new FormStored(outcome);
    }

    private static StoredResponse ResponseFor(string registrationId, ConsentReceiptDraft receipt)
    {
        var response = new RegistrationResponse(registrationId, ConsentReceiptView.From(receipt.ReceiptId, receipt.RecordedAt, receipt.Decisions));
        return new StoredResponse(StatusCodes.Status201Created, JsonSerializer.Serialize(response, ApiJson.Options));
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Registration stored for subject {Subject}: receipt {ReceiptId}, new member {NewMember}, {ConsentCount} consent answers")]
    private static partial void LogStored(ILogger logger, string subject, string receiptId, bool newMember, int consentCount);
}
