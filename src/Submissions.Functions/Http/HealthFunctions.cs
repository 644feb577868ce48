using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Health;

namespace Submissions.Functions.Http;

public sealed class HealthFunctions(HealthHandler handler)
{
    [Function("GetHealth")]
    public Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.CheckAsync(cancellationToken);
}
