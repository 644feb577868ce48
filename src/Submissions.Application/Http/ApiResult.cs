using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Submissions.Application.Http;

/// <summary>
/// A JSON response that serializes itself with <see cref="ApiJson.Options"/>. It depends on no MVC formatter
/// configuration, so what the tests execute is byte for byte what the Functions host sends.
/// </summary>
public sealed class ApiResult(int statusCode, object? body, string contentType = ApiResult.JsonContentType) : IActionResult
{
    /// <summary>A body already serialized (a stored JSON response, a page), written as it is.</summary>
    private string? rawBody;

    public const string JsonContentType = "application/json; charset=utf-8";
    public const string ProblemContentType = "application/problem+json; charset=utf-8";
    public const string HtmlContentType = "text/html; charset=utf-8";

    public int StatusCode { get; } = statusCode;

    public object? Body { get; } = body;

    public string ContentType { get; } = contentType;

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ApiResult WithHeader(string name, string value)
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

        if (rawBody is not null)
        {
            response.ContentType = ContentType;
            await response.WriteAsync(rawBody, context.HttpContext.RequestAborted);
            return;
        }

        if (Body is null)
        {
            return;
        }

        response.ContentType = ContentType;
        await JsonSerializer.SerializeAsync(response.Body, Body, Body.GetType(), ApiJson.Options, context.HttpContext.RequestAborted);
    }

    /// <summary>
    /// A response stored as JSON text (with its idempotency record), sent byte for byte: the first answer and every
    /// replay are the same bytes, and nothing is parsed and serialized again on the way out.
    /// </summary>
    public static ApiResult FromStoredJson(int statusCode, string json) => new(statusCode, null) { rawBody = json };

    /// <summary>A small HTML page (the opt-out confirmation), UTF-8, written as it is.</summary>
    public static ApiResult Html(int statusCode, string html) => new(statusCode, null, HtmlContentType) { rawBody = html };

    public static ApiResult Ok(object body) => new(StatusCodes.Status200OK, body);

    public static ApiResult Created(object body) => new(StatusCodes.Status201Created, body);
}
