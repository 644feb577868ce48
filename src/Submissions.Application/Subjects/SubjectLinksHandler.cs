using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Submissions.Application.Audit;
using Submissions.Application.Exports;
using Submissions.Application.Http;
using Submissions.Domain.Privacy;
using Submissions.Domain.Subjects;
using Submissions.Storage;

namespace Submissions.Application.Subjects;

/// <summary>
/// POST manage/subjects/links { email }: one person's signed opt-out link (with its RFC 8058 headers) and preference
/// centre link, as the registrations export carries them, for an external mail service sending that person one mail.
/// Computed, not stored; audited like every subject request, with a keyed reference to the person.
/// </summary>
public sealed class SubjectLinksHandler(
    IValidator<SubjectRequest> validator, SubjectKeyHasher subjectKeys, MemberLinks links, AdminAudit audit, IOptions<FormOptions> formOptions)
{
    public async Task<IActionResult> LinksAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await AdminBody.ReadAsync(request, validator, formOptions.Value.MaxAdminBodyBytes, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var subject = subjectKeys.For(body.Definition!.Email!);
        var (optOut, preferences, expireAt) = links.For(subject);
        try
        {
            await audit.RecordAsync(request, "subject-links", null, subject, 0, cancellationToken);
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return Problems.ServiceUnavailable("The links could not be issued.", TimeSpan.FromSeconds(formOptions.Value.RetryAfterSeconds));
        }

        return ApiResult.Ok(new SubjectLinks(optOut.Url, optOut.ListUnsubscribe, optOut.ListUnsubscribePost, preferences, expireAt))
            .WithHeader("Cache-Control", "no-store");
    }
}
