using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Cors;

namespace Submissions.Functions.Http;

public sealed class PreflightFunctions(PreflightHandler handler)
{
    /// <summary>
    /// Every route's CORS preflight, where the host passes OPTIONS on to the app (the local host, func start without
    /// Host.CORS); on Flex Consumption the host answers preflights itself (docs/deploy.md).
    /// </summary>
    [Function("Preflight")]
    public IActionResult Answer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "options", Route = "{*path}")] HttpRequest request) =>
        handler.Answer(request);
}
