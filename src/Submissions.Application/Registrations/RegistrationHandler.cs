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
/// POST registrations: validate, check every consent answer against the catalog, then store member, receipt,
/// ledger and idempotency record in one transaction. Logs carry the subject key's short form, never the person.
/// </summary>
public sealed partial class RegistrationHandler(
    FormGate gate,
    IValidator<RegistrationRequest> validator,
    SubjectKeyHasher subjectKeys,
    RegistrationStore store,
    TimeProvider time,
    ILogger<RegistrationHandler> logger)
{
    private const string Form = FormKind.Registration;

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var admission = await gate.AdmitAsync<RegistrationRequest>(Form, request, cancellationToken);
        if (admission.Problem is not null)
        {
            return admission.Problem;
        }

        var form = admission.Form!;
        try
        {
            var check = await gate.CheckAsync(Form, form, validator, cancellationToken);
            if (check.Errors.IsEmpty)
            {
                return await StoreAsync(form, check.Consent, admission.Claim, cancellationToken);
            }

            // The key is stored in the person's partition: it can be looked up only if the email is usable.
            var subject = TextRules.IsPlainEmailAddress(form.Email ?? string.Empty) ? subjectKeys.For(form.Email!) : (SubjectKey?)null;
            return await gate.RefuseAsync(
                Form,
                admission.Claim,
                subject is { } person ? claim => store.FindPriorOutcomeAsync(person, claim, cancellationToken) : null,
                subject?.ShortForm ?? "unknown",
                () => gate.Reject(Form, check.Errors));
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return gate.SubmissionUnconfirmed(Form, admission.Claim, ex);
        }
    }

    private async Task<IActionResult> StoreAsync(RegistrationRequest form, ConsentEvaluation consent, IdempotencyClaim? claim, CancellationToken cancellationToken)
    {
        var subject = subjectKeys.For(form.Email!);
        var receipt = new ConsentReceiptDraft(Guid.CreateVersion7().ToString("N"), Form, time.GetUtcNow(), consent.Decisions);

        // Demographic fields exist in storage only when their own consent was granted.
        var profile = form.Profile ?? new RegistrationProfile(null, null, null, null);
        if (!consent.IsGranted(ConsentPurpose.Demographics))
        {
            profile = profile.WithoutDemographics();
        }

        var member = new MemberRecord(form.Email!, form.DisplayName!.Trim(), profile.Language, profile.Country, profile.AgeRange, profile.Gender);
        // A fresh id for every registration: echoing the member id would tell whoever knows an email that it is
        // registered, and its UUIDv7 time when. The first registration's id becomes the member id.
        var registrationId = Guid.CreateVersion7().ToString("N");
        var outcome = await store.SaveAsync(subject, member, receipt, claim, registrationId, ResponseFor(registrationId, receipt), cancellationToken);
        if (outcome is SubmissionOutcome.Saved saved)
        {
            LogStored(logger, subject.ShortForm, receipt.ReceiptId, saved.NewRecord, receipt.Decisions.Count);
        }

        return gate.Respond(Form, outcome, subject.ShortForm);
    }

    private static StoredResponse ResponseFor(string registrationId, ConsentReceiptDraft receipt)
    {
        var response = new RegistrationResponse(registrationId, ConsentReceiptView.From(receipt.ReceiptId, receipt.RecordedAt, receipt.Decisions));
        return new StoredResponse(StatusCodes.Status201Created, JsonSerializer.Serialize(response, ApiJson.Options));
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Registration stored for subject {Subject}: receipt {ReceiptId}, new member {NewMember}, {ConsentCount} consent answers")]
    private static partial void LogStored(ILogger logger, string subject, string receiptId, bool newMember, int consentCount);
}
