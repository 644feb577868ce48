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
        builder.Services.AddSingleton(serviceProvider => new ReceivedWebhooks(serviceProvider.GetRequiredService<TimeProvider>(), TimeSpan.FromMinutes(10)));

        var app = builder.Build();
        app.MapPost("/webhooks/{name}", ReceiveAsync);
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpRequest request, WebhookVerifier verifier, ReceivedWebhooks received, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("PartnerReceiver");
        // Kestrel refuses bodies over MaxBodyBytes with 413 before they are read.
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);

        var webhookId = request.Headers["webhook-id"].ToString();
        var result = verifier.Verify(webhookId, request.Headers["webhook-timestamp"], request.Headers["webhook-signature"], body.ToArray());
        if (result != VerificationResult.Valid)
        {
            LogRejected(logger, result);
            return Results.Unauthorized();
        }

        if (received.HasProcessed(webhookId))
        {
            LogDuplicate(logger, webhookId);
            return Results.Ok();
        }

        // Process the lead here: store it with its receiptId and consents so you can prove what was agreed. Record the
        // id only once that succeeded — an id recorded before a failed processing would turn the sender's retry away.
        received.Record(webhookId);
        LogAccepted(logger, webhookId);
        return Results.NoContent();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Rejected webhook: {Result}")]
    private static partial void LogRejected(ILogger logger, VerificationResult result);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Duplicate webhook {WebhookId} acknowledged, not processed again")]
    private static partial void LogDuplicate(ILogger logger, string webhookId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Webhook {WebhookId} accepted")]
    private static partial void LogAccepted(ILogger logger, string webhookId);
}
