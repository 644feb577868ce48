using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Submissions.Application.OptOut;

namespace Submissions.Functions.Http;

public sealed class OptOutFunctions(OptOutHandler handler)
{
    [Function("ConfirmOptOut")]
    public Task<IActionResult> ConfirmAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "opt-out")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.ConfirmPageAsync(request, cancellationToken);

    [Function("OptOut")]
    public Task<IActionResult> OptOutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "opt-out")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.OptOutAsync(request, cancellationToken);
}
