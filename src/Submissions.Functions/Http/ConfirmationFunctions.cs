using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Confirmations;

namespace Submissions.Functions.Http;

public sealed class ConfirmationFunctions(ConfirmationHandler handler)
{
    [Function("ShowConfirmation")]
    public Task<IActionResult> ShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "confirm")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.ConfirmPageAsync(request, cancellationToken);

    [Function("Confirm")]
    public Task<IActionResult> ConfirmAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "confirm")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.ConfirmAsync(request, cancellationToken);
}
