using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Submissions.Domain.Delivery;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Deliveries;

/// <summary>
/// The reference receiver (samples/PartnerReceiver), which partners copy, answers every malformed Standard Webhooks
/// header with 400 — never a 500 — and a well-formed but wrong one with 401.
/// </summary>
public sealed class ReferenceReceiverHeaderTests
{
    private const string WebhookId = "0192f0a0-0000-7000-8000-000000000001";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"type":"lead.created"}""");
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string?, string?, string?> MalformedHeaders() => new()
    {
        { "timestamp beyond any date", WebhookId, "99999999999999", null },
        { "timestamp beyond a long", WebhookId, "99999999999999999999999", null },
        { "negative timestamp", WebhookId, "-1", null },
        { "non-numeric timestamp", WebhookId, "soon", null },
        { "timestamp with a sign", WebhookId, "+1795521600", null },
        { "timestamp in milliseconds beyond any date", WebhookId, "1795521600000000", null },
        { "missing timestamp", WebhookId, "", null },
        { "missing id", "", null, null },
        { "id that is a list", "first, second", null, null },
        { "missing signature", WebhookId, null, "" },
        { "signature without a version", WebhookId, null, "bm90LWEtc2lnbmF0dXJl" },
        { "signature entry without a value", WebhookId, null, "v1," },
        { "signature entry without a version", WebhookId, null, ",c2lnbmF0dXJl" },
        { "signature with three parts", WebhookId, null, "v1,a,b" },
        { "signature that is not base64", WebhookId, null, "v1,not*base64!" },
        { "signature of the wrong length", WebhookId, null, "v1,c2hvcnQ=" },
        { "signature list of spaces", WebhookId, null, "   " },
    };

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public async Task A_malformed_header_is_a_400(string because, string? id, string? timestamp, string? signature)
    {
        var secret = TestApp.NewSigningSecret();
        await using var receiver = await SampleReceiver.StartAsync(secret, new FakeTimeProvider(Now));
        var valid = Signed(secret, Now);
        var headers = new List<KeyValuePair<string, string>>();
        Add(headers, "webhook-id", id ?? valid.Id);
        Add(headers, "webhook-timestamp", timestamp ?? valid.Timestamp);
        Add(headers, "webhook-signature", signature ?? valid.Signature);

        var status = await receiver.PostRawAsync(headers, Body);

        Assert.True(status == HttpStatusCode.BadRequest, $"{because}: {(int)status}");
    }

    [Theory]
    [InlineData("webhook-id")]
    [InlineData("webhook-timestamp")]
    [InlineData("webhook-signature")]
    public async Task A_header_sent_twice_is_a_400(string repeated)
    {
        var secret = TestApp.NewSigningSecret();
        await using var receiver = await SampleReceiver.StartAsync(secret, new FakeTimeProvider(Now));
        var valid = Signed(secret, Now);
        var headers = Headers(valid);
        headers.Add(headers.First(header => header.Key == repeated));

        Assert.Equal(HttpStatusCode.BadRequest, await receiver.PostRawAsync(headers, Body));
    }

    [Fact]
    public async Task Well_formed_headers_that_do_not_verify_are_a_401_and_a_valid_request_is_processed()
    {
        var secret = TestApp.NewSigningSecret();
        await using var receiver = await SampleReceiver.StartAsync(secret, new FakeTimeProvider(Now));
        var old = Signed(secret, Now.AddHours(-1));
        var foreign = Signed(TestApp.NewSigningSecret(), Now);
        var unknownVersion = Headers(Signed(secret, Now)).Select(header => header.Key == "webhook-signature" ? new KeyValuePair<string, string>(header.Key, "v1a,c2lnbmF0dXJl") : header);
        var distantFuture = Signed(secret, new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero));

        Assert.Equal(HttpStatusCode.Unauthorized, await receiver.PostRawAsync(Headers(old), Body));
        Assert.Equal(HttpStatusCode.Unauthorized, await receiver.PostRawAsync(Headers(foreign), Body));
        Assert.Equal(HttpStatusCode.Unauthorized, await receiver.PostRawAsync(unknownVersion, Body));
        Assert.Equal(HttpStatusCode.Unauthorized, await receiver.PostRawAsync(Headers(distantFuture), Body));
        Assert.Equal(HttpStatusCode.NoContent, await receiver.PostRawAsync(Headers(Signed(secret, Now)), Body));
    }

    private static (string Id, string Timestamp, string Signature) Signed(string secret, DateTimeOffset at)
    {
        Assert.True(WebhookSignature.TryParseSecret(secret, out var key));
        return (WebhookId, at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), WebhookSignature.Sign(key, WebhookId, at, Body));
    }

    private static List<KeyValuePair<string, string>> Headers((string Id, string Timestamp, string Signature) webhook) =>
    [
        new("webhook-id", webhook.Id),
        new("webhook-timestamp", webhook.Timestamp),
        new("webhook-signature", webhook.Signature),
    ];

    private static void Add(List<KeyValuePair<string, string>> headers, string name, string value)
    {
        // An empty value stands for a missing header.
        if (value.Length > 0)
        {
            headers.Add(new(name, value));
        }
    }
}
