using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Submissions.Application.Deliveries;
using Submissions.Benchmarks.Measuring;
using Submissions.Domain.Delivery;
using Submissions.Storage.Queues;

namespace Submissions.Benchmarks.Scenarios.Deliveries;

/// <summary>The two things compared: one owed delivery through the app, and one signed POST of as many bytes.</summary>
internal static class DeliveryOperations
{
    public const string App = "app";

    public const string Floor = "bare signed POST";

    /// <summary>
    /// What the DeliverToPartner queue trigger runs for one message: <see cref="PartnerDeliveryProcessor.ProcessAsync"/>,
    /// first delivery attempt. Anything but "delivered" counts as a refusal (and stops the scenario).
    /// </summary>
    public static LoadOperation Deliver(PartnerDeliveryProcessor processor, ConcurrentQueue<PartnerDeliveryMessage> owed) => new(App, _ =>
    {
        if (!owed.TryDequeue(out var message))
        {
            throw new InvalidOperationException("More deliveries were asked for than were seeded.");
        }

        return async token => await processor.ProcessAsync(message, 1, token) == DeliveryResult.Delivered ? 204 : 500;
    });

    /// <summary>
    /// The floor: a POST of the same number of bytes to the same receiver, signed the same way (Standard Webhooks HMAC
    /// over id, timestamp and body), through a plain HttpClient with the app's handler settings (no redirects, cookies
    /// or proxy) — but no storage, no retry pipeline and no timeout handlers.
    /// </summary>
    public static LoadOperation SignedPost(HttpClient client, Uri url, int payloadBytes) => new(Floor, i =>
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var payload = new byte[payloadBytes];
        payload.AsSpan().Fill((byte)'x');
        var webhookId = "bench-" + i.ToString(CultureInfo.InvariantCulture);
        return async token =>
        {
            var timestamp = DateTimeOffset.UtcNow;
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(payload) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Add("webhook-id", webhookId);
            request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", WebhookSignature.Sign(secret, webhookId, timestamp, payload));
            using var response = await client.SendAsync(request, token);
            return (int)response.StatusCode;
        };
    });
}
