using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Submissions.Benchmarks.Measuring;

namespace Submissions.Benchmarks.Http;

/// <summary>
/// Requests as the Functions host hands them to the worker (ASP.NET Core integration: an HttpRequest whose client
/// address is the connection's remote address — the host's proxy consumes X-Forwarded-For), and results run into a
/// response, as the host runs them, to learn the status.
/// </summary>
internal static class HttpCalls
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A JSON body serialized once, before the timed run: the browser's work, not the app's.</summary>
    public static byte[] JsonBody(object body) => JsonSerializer.SerializeToUtf8Bytes(body, Json);

    /// <summary>
    /// A form POST from <paramref name="client"/> (one of many addresses, as real traffic comes from many clients; the
    /// host forwards it as the remote address), with a fresh Idempotency-Key as the site's script sends.
    /// </summary>
    public static HttpRequest PostJson(string path, byte[] body, string client, string idempotencyKey)
    {
        var request = NewRequest(HttpMethods.Post, path);
        request.Body = new MemoryStream(body, writable: false);
        request.ContentLength = body.Length;
        request.ContentType = "application/json";
        request.HttpContext.Connection.RemoteIpAddress = IPAddress.Parse(client);
        request.Headers["Idempotency-Key"] = idempotencyKey;
        return request;
    }

    /// <summary>An admin PUT with a JSON body (the function key and role are the host's and middleware's, not the handler's).</summary>
    public static HttpRequest Put(string path, byte[] body)
    {
        var request = NewRequest(HttpMethods.Put, path);
        request.Body = new MemoryStream(body, writable: false);
        request.ContentLength = body.Length;
        request.ContentType = "application/json";
        return request;
    }

    /// <summary>A POST without a body (a link's button), its query string as given ("?token=…").</summary>
    public static HttpRequest Post(string path, string query)
    {
        var request = NewRequest(HttpMethods.Post, path);
        request.QueryString = new QueryString(query);
        request.HttpContext.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.10");
        return request;
    }

    public static HttpRequest Get(string path)
    {
        var request = NewRequest(HttpMethods.Get, path);
        request.HttpContext.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.10");
        return request;
    }

    /// <summary>Runs the result into the request's response (into a body that counts and keeps nothing); the status code.</summary>
    public static async Task<int> ExecuteAsync(this Task<IActionResult> action, HttpRequest request)
    {
        var result = await action;
        var context = request.HttpContext;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        return context.Response.StatusCode;
    }

    /// <summary>Documentation addresses (RFC 5737), one of 256 by index: the rate limiter keeps one window per client.</summary>
    public static string ClientAddress(int index) => "198.51.100." + (index % 256).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static HttpRequest NewRequest(string method, string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("localhost");
        context.Request.Path = path;
        context.Response.Body = new CountingStream();
        return context.Request;
    }
}
