using Microsoft.AspNetCore.Mvc;
using Submissions.Storage.Exports;

namespace Submissions.Application.Exports;

/// <summary>
/// Sends an export job's file as storage returns it, with the headers of the streamed export of the same request and
/// its length: the file is whole, so unlike a streamed export it can say how long it is.
/// </summary>
public sealed class ExportFileResult(ExportRequest export, ExportFile file) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        ExportResponseHeaders.Apply(http.Response, export);
        http.Response.ContentLength = file.Length;
        await using (file.Content)
        {
            await file.Content.CopyToAsync(http.Response.Body, http.RequestAborted);
        }
    }
}
