using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Subjects;

namespace Submissions.Functions.Http;

/// <summary>Data-subject requests. The person is named in the POST body, never in the route or query string.</summary>
public sealed class SubjectAdminFunctions(SubjectsAdminHandler handler, SubjectLinksHandler links)
{
    [Function("AccessSubject")]
    public Task<IActionResult> AccessAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/subjects/access")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.AccessAsync(request, cancellationToken);

    [Function("EraseSubject")]
    public Task<IActionResult> EraseAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/subjects/erase")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.EraseAsync(request, cancellationToken);

    [Function("SubjectLinks")]
    public Task<IActionResult> LinksAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/subjects/links")] HttpRequest request,
        CancellationToken cancellationToken) =>
        links.LinksAsync(request, cancellationToken);

    [Function("WithdrawSubjectConsent")]
    public Task<IActionResult> WithdrawAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/subjects/withdraw")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.WithdrawAsync(request, cancellationToken);
}
