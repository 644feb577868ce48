using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Exports;

namespace Submissions.Functions.Http;

/// <summary>Admin exports, streamed: the result writes the response itself, page by page.</summary>
public sealed class ExportFunctions(ExportsHandler handler)
{
    [Function("ExportData")]
    public Task<IActionResult> ExportAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/exports/{kind}")] HttpRequest request,
        string kind,
        CancellationToken cancellationToken) =>
        handler.ExportAsync(request, kind, cancellationToken);
}
