using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerReceiver;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>One webhook request as a loopback receiver got it, with the reference receiver's verdict on its signature.</summary>
public sealed record ReceivedWebhook(string WebhookId, string Timestamp, string Signature, byte[] Body, VerificationResult Verification)
{
    /// <summary>When it arrived (<see cref="System.Diagnostics.Stopwatch"/> ticks), for tests that order it against other events.</summary>
    public long ArrivedAt { get; init; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>When the receiver answered it (Stopwatch ticks); 0 until then.</summary>
    public long AnsweredAt { get; set; }
}

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel), answering with scripted status codes and checking every signature with
/// the reference receiver's <see cref="WebhookVerifier"/>.
/// </summary>
public sealed class TestReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ScriptedAnswer> script = new();
    private readonly WebhookVerifier verifier;
    private volatile bool down;
    private int dropped;

    private TestReceiver(WebApplication app, string secret, TimeProvider time)
    {
        this.app = app;
        verifier = new WebhookVerifier(secret, time: time);
    }

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>The status code answered once the script is used up.</summary>
    public int DefaultStatus { get; set; } = 204;

    /// <summary>How long each unscripted request takes to answer: a partner that is slow to take a webhook.</summary>
    public TimeSpan DefaultDelay { get; set; }

    /// <summary>
    /// While true, every request's connection is dropped before it is answered or recorded: to the sender, a partner
    /// that is down (a connection error, no HTTP status). Kept on this receiver's own port, so no other process can take
    /// that port before the partner "comes back" by setting it false.
    /// </summary>
    public bool Down
    {
        get => down;
        set => down = value;
    }

    /// <summary>How many requests were dropped while <see cref="Down"/>.</summary>
    public int Dropped => Volatile.Read(ref dropped);

    public string Url => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/webhooks/demo-partner";

    /// <param name="secret">The partner's signing secret.</param>
    /// <param name="time">The sender's clock, so the timestamp check judges the app's (fake) time.</param>
    /// <param name="port">A loopback port to listen on (a partner coming back where it was down); 0 for any free one.</param>
    public static async Task<TestReceiver> StartAsync(string secret, TimeProvider time, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new TestReceiver(app, secret, time);
        app.MapPost("/webhooks/{name}", receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Answers the next requests with these status codes, in order.</summary>
    public void Script(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            script.Enqueue(new ScriptedAnswer(status));
        }
    }

    /// <summary>Answers the next request after a delay, and/or with a Retry-After header.</summary>
    public void Script(int status, TimeSpan delay, int? retryAfterSeconds = null) => script.Enqueue(new ScriptedAnswer(status, delay, retryAfterSeconds));

    /// <summary>
    /// Answers the next request only once <paramref name="answerWhen"/> completes: a partner that holds a webhook for as
    /// long as the test needs, not for a guessed delay.
    /// </summary>
    public void Script(int status, Task answerWhen) => script.Enqueue(new ScriptedAnswer(status, AnswerWhen: answerWhen));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task<IResult> HandleAsync(HttpRequest request, HttpResponse response)
    {
        if (down)
        {
            Interlocked.Increment(ref dropped);
            request.HttpContext.Abort();
            return Results.Empty;
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var id = request.Headers["webhook-id"].ToString();
        var timestamp = request.Headers["webhook-timestamp"].ToString();
        var signature = request.Headers["webhook-signature"].ToString();
        var received = new ReceivedWebhook(id, timestamp, signature, body, verifier.Verify(id, timestamp, signature, body));
        Received.Enqueue(received);
        var answer = script.TryDequeue(out var scripted) ? scripted : new ScriptedAnswer(DefaultStatus, DefaultDelay);
        if (answer.Delay > TimeSpan.Zero)
        {
            await Task.Delay(answer.Delay);
        }

        if (answer.AnswerWhen is { } gate)
        {
            await gate.WaitAsync(request.HttpContext.RequestAborted);
        }

        if (answer.RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        received.AnsweredAt = System.Diagnostics.Stopwatch.GetTimestamp();
        return Results.StatusCode(answer.Status);
    }

    private sealed record ScriptedAnswer(int Status, TimeSpan Delay = default, int? RetryAfterSeconds = null, Task? AnswerWhen = null);
}
