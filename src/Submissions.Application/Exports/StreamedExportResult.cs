using Microsoft.AspNetCore.Mvc;

namespace Submissions.Application.Exports;

/// <summary>
/// Sends an export as it is read: the header and first page (already read and buffered by the handler, so that storage
/// trouble up to there could still be a 503), then each further page as storage returns it, flushed page by page.
/// No Content-Length: the body is chunked (HTTP/1.1) or framed (HTTP/2), so the client knows it is complete only when
/// the response ends normally. A failure after the first byte therefore aborts the connection and rethrows — the client
/// sees a broken download, never a short file that looks whole.
/// </summary>
public sealed class StreamedExportResult(
    ExportRequest export,
    ExportOutput stream,
    Func<int, Task> completedAsync,
    Func<Exception, int, Task> failedAsync) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        ExportResponseHeaders.Apply(http.Response, export);
        try
        {
            await completedAsync(await stream.CopyToAsync(http.Response.Body, http.RequestAborted));
        }
        catch (Exception ex)
        {
            await failedAsync(ex, stream.Rows);
            http.Abort();
            throw;
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }
}
