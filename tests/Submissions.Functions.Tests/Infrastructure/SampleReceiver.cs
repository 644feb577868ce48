using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using PartnerReceiver;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>
/// The reference receiver a partner would run (samples/PartnerReceiver), on 127.0.0.1, for replaying webhooks the app
/// really sent: what it accepts, what it acknowledges as a replay, what it refuses.
/// </summary>
public sealed class SampleReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly HttpClient client;

    private SampleReceiver(WebApplication app, Uri address)
    {
        this.app = app;
        client = new HttpClient { BaseAddress = address };
    }

    public IServiceProvider Services => app.Services;

    /// <param name="secret">The signing secret the app signs with.</param>
    /// <param name="time">The app's (fake) clock, so the receiver's timestamp check judges that time.</param>
    public static async Task<SampleReceiver> StartAsync(string secret, TimeProvider time)
    {
        var app = PartnerReceiverApp.Build(
            ["--urls", "http://127.0.0.1:0", "--Receiver:SigningSecret", secret],
            builder => builder.Services.AddSingleton(time));
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SampleReceiver(app, new Uri(address));
    }

    /// <summary>Posts a captured webhook's headers with the given body, as the app would have sent it.</summary>
    public async Task<HttpStatusCode> PostAsync(ReceivedWebhook webhook, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/demo-partner") { Content = new ByteArrayContent(body) };
        request.Headers.Add("webhook-id", webhook.WebhookId);
        request.Headers.Add("webhook-timestamp", webhook.Timestamp);
        request.Headers.Add("webhook-signature", webhook.Signature);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    /// <summary>Posts the body with exactly these headers, repeated names and unparseable values included.</summary>
    public async Task<HttpStatusCode> PostRawAsync(IEnumerable<KeyValuePair<string, string>> headers, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/demo-partner") { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
