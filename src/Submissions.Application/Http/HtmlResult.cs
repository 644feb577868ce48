using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace Submissions.Application.Http;

/// <summary>
/// A small HTML page written as it is, in UTF-8. Like <see cref="ApiResult"/> it needs no MVC executor, so what the
/// tests execute is byte for byte what the Functions host sends.
/// </summary>
public sealed class HtmlResult(int statusCode, string html) : IActionResult
{
    public const string HtmlContentType = "text/html; charset=utf-8";

    public int StatusCode { get; } = statusCode;

    public string Html { get; } = html;

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HtmlResult WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        var bytes = Encoding.UTF8.GetBytes(Html);
        response.ContentType = HtmlContentType;
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, context.HttpContext.RequestAborted);
    }
}
