using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Submissions.Cli.Tests.Infrastructure;

/// <summary>
/// A server on 127.0.0.1 that answers every request with a 307 to the target it was given and counts what it got: stands
/// in for a compromised or misconfigured host that sends the CLI (and its key) somewhere else.
/// </summary>
internal sealed class RedirectingServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Uri target;
    private int requests;

    private RedirectingServer(WebApplication app, Uri target)
    {
        this.app = app;
        this.target = target;
    }

    public int Requests => requests;

    public string BaseUrl => LoopbackKestrel.AddressOf(app) + "/api/";

    public static async Task<RedirectingServer> StartAsync(Uri target)
    {
        var app = LoopbackKestrel.Build();
        var server = new RedirectingServer(app, target);
        await LoopbackKestrel.StartAsync(app, server.Handle);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await LoopbackKestrel.StopAsync(app);
    }

    private Task Handle(HttpContext http)
    {
        Interlocked.Increment(ref requests);
        http.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
        http.Response.Headers.Location = target.ToString();
        return Task.CompletedTask;
    }
}
