using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Partners;

namespace Submissions.Functions.Http;

public sealed class PartnerFunctions(PutPartnerHandler put)
{
    [Function("PutPartner")]
    public Task<IActionResult> PutPartnerAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "manage/partners/{partnerId}")] HttpRequest request,
        string partnerId,
        CancellationToken cancellationToken) =>
        put.PutAsync(request, partnerId, cancellationToken);
}
