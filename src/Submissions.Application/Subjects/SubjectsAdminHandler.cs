using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Audit;
using Submissions.Application.ConsentLabels;
using Submissions.Application.Http;
using Submissions.Domain.Privacy;
using Submissions.Domain.Subjects;
using Submissions.Domain.Validation;
using Submissions.Storage;

namespace Submissions.Application.Subjects;

/// <summary>
/// Admins answering data-subject requests ("email us and we will resolve it"): access, erasure and withdrawal on the
/// person's behalf. The person is named by email in the body (never in a URL, which proxies log); every call is
/// audited with a keyed reference to the person, not the email.
/// </summary>
public sealed partial class SubjectsAdminHandler(
    IValidator<SubjectRequest> subjectValidator,
    IValidator<WithdrawalRequest> withdrawalValidator,
    SubjectKeyHasher subjectKeys,
    SubjectAccess access,
    SubjectErasure erasure,
    ConsentWithdrawal withdrawal,
    ConsentLabelCatalog catalog,
    AdminAudit audit,
    TimeProvider time,
    IOptions<FormOptions> formOptions,
    ILogger<SubjectsAdminHandler> logger)
{
    /// <summary>POST manage/subjects/access { email }: everything about the person as one JSON document.</summary>
    public async Task<IActionResult> AccessAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await AdminBody.ReadAsync(request, subjectValidator, formOptions.Value.MaxAdminBodyBytes, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var email = body.Definition!.Email!;
        var subject = subjectKeys.For(email);
        try
        {
            var bundle = await access.ReadAsync(email, subject, cancellationToken);
            var count = SubjectAccess.CountRecords(bundle);
            await audit.RecordAsync(request, "subject-access", null, subject, count, cancellationToken);
            LogAccessed(logger, subject.ShortForm, count);
            return ApiResult.Ok(bundle)
                .WithHeader("Cache-Control", "no-store")
                .WithHeader("Content-Disposition", $"attachment; filename=\"subject-access-{time.GetUtcNow():yyyyMMdd}.json\"");
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return Unavailable("The access request", ex);
        }
    }

    /// <summary>POST manage/subjects/erase { email }: removes the person, notifies recipients, returns the report.</summary>
    public async Task<IActionResult> EraseAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await AdminBody.ReadAsync(request, subjectValidator, formOptions.Value.MaxAdminBodyBytes, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var subject = subjectKeys.For(body.Definition!.Email!);
        try
        {
            var outcome = await erasure.EraseAsync(subject, cancellationToken);
            if (outcome.Report is not { } report)
            {
                // Nothing to audit here: nothing was done, or (a run that outlived its lease) the run that took over
                // reports and is audited. The other run's lease is the longest to wait: by then it has finished or lapsed.
                return Problems.ServiceUnavailable(
                    "Another erasure of this person is running.",
                    outcome.BusyFor,
                    "Nothing was done by this request. Repeat it after Retry-After to get the erasure's report.")
                    .WithHeader("Cache-Control", "no-store");
            }

            var removed = report.Removed;
            await audit.RecordAsync(request, "subject-erasure", null, subject, removed.Records, cancellationToken);
            return report.Complete
                ? ApiResult.Ok(report).WithHeader("Cache-Control", "no-store")
                : Problems.ServiceUnavailable(
                    "The erasure is waiting for a submission of this person, or a delivery of their data to a partner, that may still be in flight.",
                    erasure.InFlightGrace,
                    "Everything stored so far was removed. Repeat the request after Retry-After to finish it.")
                    .WithHeader("Cache-Control", "no-store");
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            // Safe to repeat: a re-run picks up where this one stopped.
            return Unavailable("The erasure", ex);
        }
    }

    /// <summary>POST manage/subjects/withdraw { email, labelId? }: one consent, or all but terms, withdrawn on the person's behalf.</summary>
    public async Task<IActionResult> WithdrawAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await AdminBody.ReadAsync(request, withdrawalValidator, formOptions.Value.MaxAdminBodyBytes, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var definition = body.Definition!;
        var subject = subjectKeys.For(definition.Email!);
        try
        {
            if (definition.LabelId is { } labelId && (await catalog.GetAsync(cancellationToken)).Latest(labelId) is null)
            {
                return Problems.ValidationFailed("labelId", $"Unknown consent label '{labelId}'.", FieldErrorCodes.UnknownReference);
            }

            var scope = definition.LabelId is null ? WithdrawalScope.AllConsents : WithdrawalScope.Label(definition.LabelId);
            var outcome = await withdrawal.WithdrawAsync(subject, scope, ConsentWithdrawal.AdminForm, cancellationToken);
            await audit.RecordAsync(request, "subject-withdrawal", scope.Name, subject, outcome.Withdrawn.Count, cancellationToken);
            return ApiResult.Ok(outcome).WithHeader("Cache-Control", "no-store");
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return Unavailable("The withdrawal", ex);
        }
    }

    private ApiResult Unavailable(string what, Exception exception)
    {
        var (status, errorCode) = StorageFailure.Describe(exception);
        LogStorageUnavailable(logger, status, errorCode);
        return Problems.ServiceUnavailable($"{what} could not be completed.", TimeSpan.FromSeconds(formOptions.Value.RetryAfterSeconds));
    }

    [LoggerMessage(EventId = 2601, Level = LogLevel.Information, Message = "Access bundle for subject {Subject}: {Count} records")]
    private static partial void LogAccessed(ILogger logger, string subject, int count);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Warning, Message = "Data-subject request failed on storage (status {Status}, {ErrorCode})")]
    private static partial void LogStorageUnavailable(ILogger logger, int status, string? errorCode);
}
