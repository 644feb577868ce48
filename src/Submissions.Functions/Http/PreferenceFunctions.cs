using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Preferences;

namespace Submissions.Functions.Http;

public sealed class PreferenceFunctions(PreferenceCentreHandler handler)
{
    [Function("ShowPreferences")]
    public Task<IActionResult> ShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "preferences")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.ShowAsync(request, cancellationToken);

    [Function("ChangePreferences")]
    public Task<IActionResult> ChangeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "preferences")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.ChangeAsync(request, cancellationToken);
}
