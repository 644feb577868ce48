using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Submissions.Application.PrivacyRequests;

namespace Submissions.Functions.Http;

/// <summary>Self-service privacy requests: the request, the links in its mails, and the admins' list of open ones.</summary>
public sealed class PrivacyRequestFunctions(
    SubmitPrivacyRequestHandler submit, PrivacyRequestLinkHandler links, PrivacyRequestsAdminHandler admin)
{
    [Function("SubmitPrivacyRequest")]
    public Task<IActionResult> SubmitAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "privacy-requests")] HttpRequest request,
        CancellationToken cancellationToken) =>
        submit.SubmitAsync(request, cancellationToken);

    [Function("ShowPrivacyRequestConfirmation")]
    public Task<IActionResult> ShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "privacy-requests/confirm")] HttpRequest request,
        CancellationToken cancellationToken) =>
        links.ConfirmPageAsync(request, cancellationToken);

    [Function("ConfirmPrivacyRequest")]
    public Task<IActionResult> ConfirmAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "privacy-requests/confirm")] HttpRequest request,
        CancellationToken cancellationToken) =>
        links.ConfirmAsync(request, cancellationToken);

    [Function("DownloadPrivacyRequestData")]
    public Task<IActionResult> DownloadAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "privacy-requests/download")] HttpRequest request,
        CancellationToken cancellationToken) =>
        links.DownloadAsync(request, cancellationToken);

    [Function("ListPrivacyRequests")]
    public Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/privacy-requests")] HttpRequest request,
        CancellationToken cancellationToken) =>
        admin.ListAsync(request, cancellationToken);
}
