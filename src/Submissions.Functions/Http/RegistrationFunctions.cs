using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Registrations;

namespace Submissions.Functions.Http;

public sealed class RegistrationFunctions(SubmitRegistrationHandler submit)
{
    [Function("SubmitRegistration")]
    public Task<IActionResult> SubmitAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registrations")] HttpRequest request,
        CancellationToken cancellationToken) =>
        submit.SubmitAsync(request, cancellationToken);
}
