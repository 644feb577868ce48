using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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

    public string BaseUrl => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/api/";

    public static async Task<RedirectingServer> StartAsync(Uri target)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new RedirectingServer(app, target);
        app.Run(server.Handle);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }

    private Task Handle(HttpContext http)
    {
        Interlocked.Increment(ref requests);
        http.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
        http.Response.Headers.Location = target.ToString();
        return Task.CompletedTask;
    }
}
