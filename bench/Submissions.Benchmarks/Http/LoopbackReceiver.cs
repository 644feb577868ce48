using System.Buffers;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Submissions.Benchmarks.Http;

/// <summary>
/// A partner's webhook endpoint on 127.0.0.1 (Kestrel, in this process) that does as little as a receiver can: reads
/// the body into a pooled buffer, checks the three Standard Webhooks headers are present (no signature check: that is
/// the partner's cost, not the app's), counts, and answers 204.
/// </summary>
internal sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private long received;
    private long bodyBytes;
    private long unsigned;

    private LoopbackReceiver(WebApplication app) => this.app = app;

    public string Url => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/webhooks/demo-partner";

    public long Received => Interlocked.Read(ref received);

    public long BodyBytes => Interlocked.Read(ref bodyBytes);

    /// <summary>Requests that came without the webhook headers: none should.</summary>
    public long Unsigned => Interlocked.Read(ref unsigned);

    public static async Task<LoopbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new LoopbackReceiver(app);
        app.MapPost("/webhooks/{name}", receiver.ReceiveAsync);
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            long length = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer)) > 0)
            {
                length += read;
            }

            Interlocked.Add(ref bodyBytes, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (!request.Headers.ContainsKey("webhook-id") || !request.Headers.ContainsKey("webhook-timestamp") || !request.Headers.ContainsKey("webhook-signature"))
        {
            Interlocked.Increment(ref unsigned);
        }

        Interlocked.Increment(ref received);
        return Results.NoContent();
    }
}
