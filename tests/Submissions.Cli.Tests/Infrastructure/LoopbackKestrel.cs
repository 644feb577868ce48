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
/// The real Kestrel every stand-in server of these tests runs on: 127.0.0.1, a free port, no logging, one handler for
/// every request. Built first, so the stand-in can hold it, then started with the stand-in's handler.
/// </summary>
internal static class LoopbackKestrel
{
    public static WebApplication Build()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    public static Task StartAsync(WebApplication app, RequestDelegate handler)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Run(handler);
        return app.StartAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Where it listens, without a trailing slash: http://127.0.0.1:{port}.</summary>
    public static string AddressOf(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    public static async ValueTask StopAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }
}
