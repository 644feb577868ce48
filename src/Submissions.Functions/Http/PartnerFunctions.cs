using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Deliveries;
using Submissions.Application.Partners;

namespace Submissions.Functions.Http;

public sealed class PartnerFunctions(PutPartnerHandler put, PartnerReadHandler read, PartnerOperationsHandler operations)
{
    [Function("PutPartner")]
    public Task<IActionResult> PutPartnerAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "manage/partners/{partnerId}")] HttpRequest request,
        string partnerId,
        CancellationToken cancellationToken) =>
        put.PutAsync(request, partnerId, cancellationToken);

    [Function("ResumePartner")]
    public Task<IActionResult> ResumePartnerAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/partners/{partnerId}/resume")] HttpRequest request,
        string partnerId,
        CancellationToken cancellationToken) =>
        operations.ResumeAsync(partnerId, cancellationToken);

    [Function("TestPartner")]
    public Task<IActionResult> TestPartnerAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/partners/{partnerId}/test")] HttpRequest request,
        string partnerId,
        CancellationToken cancellationToken) =>
        operations.TestAsync(partnerId, cancellationToken);

    [Function("RecoverPartner")]
    public Task<IActionResult> RecoverPartnerAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/partners/{partnerId}/recover")] HttpRequest request,
        string partnerId,
        CancellationToken cancellationToken) =>
        operations.RecoverAsync(request, partnerId, cancellationToken);

    [Function("ListPartners")]
    public Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/partners")] HttpRequest request,
        CancellationToken cancellationToken) =>
        read.ListAsync(request, cancellationToken);

    [Function("GetPartner")]
    public Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/partners/{partnerId}")] HttpRequest request,
        string partnerId,
        CancellationToken cancellationToken) =>
        read.GetAsync(partnerId, cancellationToken);
}
