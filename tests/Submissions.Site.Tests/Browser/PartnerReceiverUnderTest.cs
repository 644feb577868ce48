using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PartnerReceiver;

namespace Submissions.Site.Tests.Browser;

/// <summary>
/// The reference receiver a partner would run (samples/PartnerReceiver) on 127.0.0.1, as the demo partner's webhook,
/// with a secret of its own. Every request it answered is recorded with its body and the status it answered, so a
/// test sees exactly what reached the partner, and that the receiver verified it (a 2xx).
/// </summary>
internal sealed class PartnerReceiverUnderTest : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedWebhook> received;

    private PartnerReceiverUnderTest(WebApplication app, ConcurrentQueue<ReceivedWebhook> received, string secret)
    {
        this.app = app;
        this.received = received;
        SigningSecret = secret;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        WebhookUrl = new Uri(new Uri(address), "/webhooks/demo-partner");
    }

    /// <summary>One request as the receiver saw it: the body, the webhook id and what the receiver answered.</summary>
    public sealed record ReceivedWebhook(string? WebhookId, JsonObject? Body, int Status);

    /// <summary>The demo partner's webhook URL (app setting <c>Partners__demo_partner__WebhookUrl</c>).</summary>
    public Uri WebhookUrl { get; }

    /// <summary>The secret the app signs with (app setting <c>Partners__demo_partner__SigningSecret</c>).</summary>
    public string SigningSecret { get; }

    /// <summary>Every lead the receiver verified and accepted, in order of arrival.</summary>
    public IReadOnlyList<JsonObject> AcceptedLeads =>
        [.. received.Where(webhook => webhook.Status is >= 200 and < 300 && webhook.Body?["type"]?.GetValue<string>() == "lead.created").Select(webhook => webhook.Body!)];

    /// <summary>Every request that reached the receiver, verified or not.</summary>
    public IReadOnlyList<ReceivedWebhook> Requests => [.. received];

    public static async Task<PartnerReceiverUnderTest> StartAsync()
    {
        var secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var app = PartnerReceiverApp.Build(["--urls", "http://127.0.0.1:0", "--Receiver:SigningSecret", secret]);
        var received = new ConcurrentQueue<ReceivedWebhook>();

        // Runs around the receiver's own endpoint (routing comes first, the endpoint last): the body is read and put
        // back for the receiver, and recorded with the status the receiver answered.
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            context.Request.Body.Position = 0;
            await next(context);
            received.Enqueue(new ReceivedWebhook(context.Request.Headers["webhook-id"].ToString(), Parse(body.ToArray()), context.Response.StatusCode));
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new PartnerReceiverUnderTest(app, received, secret);
    }

    /// <summary>Waits for an accepted lead that matches, and returns it; throws on timeout.</summary>
    public async Task<JsonObject> WaitForLeadAsync(Func<JsonObject, bool> match, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (AcceptedLeads.FirstOrDefault(match) is { } lead)
            {
                return lead;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"No matching lead reached the receiver within {timeout.TotalSeconds:0} s ({received.Count} request(s) in all).");
    }

    /// <summary>The leads whose data carries <paramref name="email"/> (each test uses its own addresses).</summary>
    public IReadOnlyList<JsonObject> LeadsFor(string email) =>
        [.. AcceptedLeads.Where(lead => lead["data"]?["email"]?.GetValue<string>() == email)];

    /// <summary>Every request, verified or not, whose body names <paramref name="email"/>: what reached the partner at all.</summary>
    public IReadOnlyList<ReceivedWebhook> RequestsNaming(string email) =>
        [.. received.Where(webhook => webhook.Body?.ToJsonString().Contains(email, StringComparison.OrdinalIgnoreCase) == true)];

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }

    private static JsonObject? Parse(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
