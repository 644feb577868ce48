using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>Builds requests the way the Functions host hands them to the worker, and runs results into real responses.</summary>
public static class HttpExchange
{
    public static HttpRequest Request(
        string method,
        string path,
        string? body = null,
        string? contentType = "application/json",
        string? query = null,
        IDictionary<string, string>? headers = null,
        bool declareLength = true) =>
        Request(method, path, body is null ? [] : Encoding.UTF8.GetBytes(body), contentType, query, headers, declareLength);

    public static HttpRequest Request(
        string method,
        string path,
        byte[] bytes,
        string? contentType = "application/json",
        string? query = null,
        IDictionary<string, string>? headers = null,
        bool declareLength = true)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = method;
        request.Scheme = "https";
        request.Host = new HostString("localhost");
        request.Path = path;
        if (query is not null)
        {
            request.QueryString = new QueryString(query);
        }

        request.Body = new MemoryStream(bytes);
        if (declareLength)
        {
            request.ContentLength = bytes.Length;
        }

        if (contentType is not null)
        {
            request.ContentType = contentType;
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers[name] = value;
        }

        if (headers is HostForwarded forwarded)
        {
            context.Connection.RemoteIpAddress = forwarded.RemoteAddress;
        }

        context.Response.Body = new MemoryStream();
        return request;
    }

    public static HttpRequest PostJson(string path, object body, IDictionary<string, string>? headers = null) =>
        Request("POST", path, JsonSerializer.Serialize(body, JsonOptions), headers: headers);

    public static async Task<TestResponse> ExecuteAsync(this Task<IActionResult> action, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(request);
        var result = await action;
        var context = request.HttpContext;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return new TestResponse(context.Response.StatusCode, context.Response.ContentType, context.Response.Headers, text);
    }

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>For bodies whose optional properties are left out when null: the API refuses some explicit nulls.</summary>
    public static JsonSerializerOptions JsonOptionsOmittingNulls { get; } =
        new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
}

public sealed record TestResponse(int Status, string? ContentType, IHeaderDictionary Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The field names of a validation problem's errors.</summary>
    public IReadOnlyList<string> ErrorFields =>
        Json.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateObject().Select(property => property.Name)] : [];

    /// <summary>All error messages, decoded, one per line.</summary>
    public string ErrorsText => Json.TryGetProperty("errors", out var errors)
        ? string.Join('\n', errors.EnumerateObject().SelectMany(entry => entry.Value.EnumerateArray().Select(message => message.GetString())))
        : string.Empty;

    public bool IsProblem => ContentType?.StartsWith("application/problem+json", StringComparison.Ordinal) == true;
}
