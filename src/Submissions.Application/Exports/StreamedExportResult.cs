using Microsoft.AspNetCore.Http;
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
    ExportRowWriter writer,
    IAsyncEnumerator<int> pages,
    Func<int, Task> completedAsync,
    Func<Exception, int, Task> failedAsync) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = export.Format.ContentType;
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentDisposition = $"attachment; filename=\"{export.FileName}\"";
        response.Headers.XContentTypeOptions = "nosniff";
        try
        {
            await writer.FlushAsync(response.Body, http.RequestAborted);
            while (await pages.MoveNextAsync())
            {
                await writer.FlushAsync(response.Body, http.RequestAborted);
            }

            await completedAsync(writer.Rows);
        }
        catch (Exception ex)
        {
            await failedAsync(ex, writer.Rows);
            http.Abort();
            throw;
        }
        finally
        {
            await pages.DisposeAsync();
            writer.Dispose();
        }
    }
}
