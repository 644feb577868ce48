using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Submissions.Application.ConsentLabels;

namespace Submissions.Functions.Http;

public sealed class ConsentLabelFunctions(GetConsentLabelsHandler get, PutConsentLabelHandler put, ConsentLabelReadHandler read)
{
    [Function("GetConsentLabels")]
    public Task<IActionResult> GetForFormAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "consent-labels")] HttpRequest request,
        CancellationToken cancellationToken) =>
        get.GetAsync(request, cancellationToken);

    [Function("PutConsentLabel")]
    public Task<IActionResult> PutAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "manage/consent-labels/{labelId}")] HttpRequest request,
        string labelId,
        CancellationToken cancellationToken) =>
        put.PutAsync(request, labelId, cancellationToken);

    [Function("ListConsentLabels")]
    public Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/consent-labels")] HttpRequest request,
        CancellationToken cancellationToken) =>
        read.ListAsync(request, cancellationToken);

    [Function("GetConsentLabel")]
    public Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/consent-labels/{labelId}")] HttpRequest request,
        string labelId,
        CancellationToken cancellationToken) =>
        read.GetAsync(labelId, cancellationToken);
}
