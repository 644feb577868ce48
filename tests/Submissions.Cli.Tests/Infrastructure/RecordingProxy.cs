using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Submissions.Cli.Tests.Infrastructure;

/// <summary>
/// A real HTTP proxy on 127.0.0.1 in front of the local host: it records each request (path and query, and whether it
/// carried a function key and which bearer token) and can break one response off after its first line, as a server
/// that stops mid-transfer would — the body is chunked, so the client sees a broken transfer, not a short one.
/// </summary>
internal sealed class RecordingProxy : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly HttpClient upstream;

    private RecordingProxy(WebApplication app, Uri target)
    {
        this.app = app;
        upstream = new HttpClient { BaseAddress = target };
    }

    public ConcurrentQueue<ProxiedRequest> Requests { get; } = new();

    /// <summary>A request whose path and query contain this has its response broken off after the first line (once).</summary>
    public string? BreakOffOnce { get; set; }

    public string BaseUrl => LoopbackKestrel.AddressOf(app) + "/api/";

    public static async Task<RecordingProxy> StartAsync(string targetBaseUrl)
    {
        var app = LoopbackKestrel.Build();
        var proxy = new RecordingProxy(app, new Uri(new Uri(targetBaseUrl), "/"));
        await LoopbackKestrel.StartAsync(app, proxy.ForwardAsync);
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        upstream.Dispose();
        await LoopbackKestrel.StopAsync(app);
    }

    private async Task ForwardAsync(HttpContext http)
    {
        var pathAndQuery = http.Request.Path + http.Request.QueryString;
        Requests.Enqueue(new ProxiedRequest(pathAndQuery, http.Request.Headers.ContainsKey("x-functions-key"), http.Request.Headers.Authorization.ToString()));
        using var request = new HttpRequestMessage(new HttpMethod(http.Request.Method), pathAndQuery);
        request.Headers.TryAddWithoutValidation("x-functions-key", http.Request.Headers["x-functions-key"].ToString());
        if (http.Request.ContentLength > 0 || http.Request.Headers.ContainsKey("Transfer-Encoding"))
        {
            request.Content = new StreamContent(http.Request.Body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", http.Request.ContentType);
        }

        using var response = await upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, http.RequestAborted);
        http.Response.StatusCode = (int)response.StatusCode;
        http.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        await using var body = await response.Content.ReadAsStreamAsync(http.RequestAborted);
        if (BreakOffOnce is { } marker && pathAndQuery.Contains(marker, StringComparison.Ordinal))
        {
            BreakOffOnce = null;
            await BreakOffAsync(http, body);
            return;
        }

        await body.CopyToAsync(http.Response.Body, http.RequestAborted);
    }

    /// <summary>Sends the first line of the body, then drops the connection.</summary>
    private static async Task BreakOffAsync(HttpContext http, Stream body)
    {
        int next;
        while ((next = body.ReadByte()) >= 0)
        {
            await http.Response.Body.WriteAsync(new[] { (byte)next }, http.RequestAborted);
            if (next == '\n')
            {
                break;
            }
        }

        await http.Response.Body.FlushAsync(http.RequestAborted);
        http.Abort();
    }
}
