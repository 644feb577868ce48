using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Exports;

namespace Submissions.Functions.Http;

/// <summary>
/// Admin exports: streamed (the result writes the response itself, page by page), or queued as a job whose status and
/// file have routes of their own.
/// </summary>
public sealed class ExportFunctions(ExportsHandler handler, ExportJobsHandler jobs)
{
    [Function("ExportData")]
    public Task<IActionResult> ExportAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/exports/{kind}")] HttpRequest request,
        string kind,
        CancellationToken cancellationToken) =>
        handler.ExportAsync(request, kind, cancellationToken);

    [Function("GetExportJob")]
    public Task<IActionResult> GetJobAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/export-jobs/{jobId}")] HttpRequest request,
        string jobId,
        CancellationToken cancellationToken) =>
        jobs.GetAsync(jobId, cancellationToken);

    [Function("DownloadExportJobFile")]
    public Task<IActionResult> DownloadJobFileAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/export-jobs/{jobId}/file")] HttpRequest request,
        string jobId,
        CancellationToken cancellationToken) =>
        jobs.DownloadAsync(request, jobId, cancellationToken);
}
