using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Submissions.Cli.Tests.Infrastructure;

/// <summary>
/// A partner's webhook endpoint on a real Kestrel on 127.0.0.1: records every request (webhook-id and body) and answers
/// with <see cref="Answer"/>, which a test switches (400 makes a dead letter at once; 204 accepts).
/// </summary>
internal sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<ReceivedWebhook> Requests { get; } = new();

    public int Answer { get; set; } = StatusCodes.Status204NoContent;

    public Uri WebhookUrl => new(LoopbackKestrel.AddressOf(app) + "/webhooks/demo-partner");

    public static async Task<LoopbackReceiver> StartAsync()
    {
        var app = LoopbackKestrel.Build();
        var receiver = new LoopbackReceiver(app);
        await LoopbackKestrel.StartAsync(app, receiver.HandleAsync);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await LoopbackKestrel.StopAsync(app);
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        var answer = Answer;
        Requests.Enqueue(new ReceivedWebhook(http.Request.Headers["webhook-id"].ToString(), body, answer));
        http.Response.StatusCode = answer;
    }
}
