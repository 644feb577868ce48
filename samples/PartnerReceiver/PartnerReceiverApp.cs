using System.Text.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PartnerReceiver;

/// <summary>The receiver's HTTP surface: POST /webhooks/{name}. Verify, de-duplicate, then process.</summary>
public static partial class PartnerReceiverApp
{
    public const int MaxBodyBytes = 1024 * 1024;

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5089");
        }

        var secret = builder.Configuration["Receiver:SigningSecret"]
            ?? throw new InvalidOperationException("Set Receiver:SigningSecret (Receiver__SigningSecret) to the whsec_ secret agreed with the sender.");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxBodyBytes);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(serviceProvider => new WebhookVerifier(secret, time: serviceProvider.GetRequiredService<TimeProvider>()));
        // The sender retries one id for about 27.6 hours (longer across a pause): remember ids for a week. In memory here;
        // a real receiver keeps them where it keeps the leads, so a restart forgets none.
        builder.Services.AddSingleton(serviceProvider => new ReceivedWebhooks(serviceProvider.GetRequiredService<TimeProvider>(), TimeSpan.FromDays(7)));
        builder.Services.AddSingleton<ReceivedNotices>();

        var app = builder.Build();
        app.MapPost("/webhooks/{name}", ReceiveAsync);
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpRequest request, WebhookVerifier verifier, ReceivedWebhooks received, ReceivedNotices notices, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("PartnerReceiver");
        // Kestrel refuses bodies over MaxBodyBytes with 413 before they are read.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();

        // A header sent twice is malformed, not two values joined with a comma.
        var webhookId = SingleHeader(request, "webhook-id");
        var result = verifier.Verify(webhookId, SingleHeader(request, "webhook-timestamp"), SingleHeader(request, "webhook-signature"), body);
        if (result != VerificationResult.Valid || webhookId is null)
        {
            LogRejected(logger, result);

            // 400: the request is not a Standard Webhooks request at all; 401: it is one, but not signed by the sender now.
            return result == VerificationResult.MalformedHeaders ? Results.BadRequest() : Results.Unauthorized();
        }

        if (received.HasProcessed(webhookId))
        {
            LogDuplicate(logger, webhookId);
            return Results.Ok();
        }

        // The body is trusted only now that its signature is verified. Its "type" says what it is.
        var type = EventType(body);
        if (type is NoticeEvent.ConsentWithdrawn or NoticeEvent.SubjectErased)
        {
            if (NoticeEvent.Parse(body) is not { } notice)
            {
                // A 400 is final for the sender: it dead-letters the notice rather than retrying a body that stays bad.
                LogMalformed(logger, webhookId);
                return Results.BadRequest();
            }

            // Act on the notice here: on subject.erased delete what the listed deliveries brought you, on
            // consent.withdrawn stop using it for the withdrawn consents' purposes — then record it.
            notices.Record(notice);
            LogNotice(logger, webhookId, notice.Type, notice.DeliveryIds.Count);
        }
        else if (type == "lead.created")
        {
            // Process the lead here: store it with its receiptId and consents so you can prove what was agreed.
            LogAccepted(logger, webhookId);
        }
        else
        {
            // Acknowledge event types this receiver does not know, so the sender does not retry them for nothing.
            LogIgnored(logger, webhookId);
        }

        // Record the id only once processing succeeded — an id recorded before a failed processing would turn the
        // sender's retry away.
        received.Record(webhookId);
        return Results.NoContent();
    }

    private static string? SingleHeader(HttpRequest request, string name) =>
        request.Headers[name] is { Count: 1 } values ? values[0] : null;

    private static string? EventType(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
                ? type.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Rejected webhook: {Result}")]
    private static partial void LogRejected(ILogger logger, VerificationResult result);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Duplicate webhook {WebhookId} acknowledged, not processed again")]
    private static partial void LogDuplicate(ILogger logger, string webhookId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Webhook {WebhookId} accepted")]
    private static partial void LogAccepted(ILogger logger, string webhookId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Notice {WebhookId} ({Type}) recorded for {Count} deliveries")]
    private static partial void LogNotice(ILogger logger, string webhookId, string type, int count);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Notice {WebhookId} refused: not a well-formed notice")]
    private static partial void LogMalformed(ILogger logger, string webhookId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Webhook {WebhookId} of an unknown type acknowledged, not processed")]
    private static partial void LogIgnored(ILogger logger, string webhookId);
}
