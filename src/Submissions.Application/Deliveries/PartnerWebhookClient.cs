using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Submissions.Application.Deliveries;

/// <summary>
/// The HTTP client for partner webhooks: no redirects, the destination guard outside Development, a per-attempt
/// timeout, and retries of transient failures (timeouts, 5xx, 408, 429 honouring Retry-After) — never of a 4xx or a
/// refused destination.
/// </summary>
public static class PartnerWebhookClient
{
    public const string Name = "partner-webhooks";

    public static IServiceCollection AddPartnerWebhookClient(this IServiceCollection services)
    {
        var client = services.AddHttpClient(Name);
        client.ConfigurePrimaryHttpMessageHandler(serviceProvider =>
            {
                // No proxy: the destination guard must judge the partner's address, not a proxy's.
                var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false };
                if (!serviceProvider.GetRequiredService<DeliveryPolicy>().AllowPrivateDestinations)
                {
                    handler.ConnectCallback = DestinationGuard.ConnectPublicOnlyAsync;
                }

                return handler;
            })
            .AddResilienceHandler("partner", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<DeliveryOptions>>().Value;

                // Waits between attempts and the attempt timeout are network time: always the real clock, even when the
                // app's business clock (TimeProvider in DI) is a test's fake.
                pipeline.TimeProvider = TimeProvider.System;
                var maxDelay = TimeSpan.FromSeconds(options.MaxRetryDelaySeconds);
                pipeline.AddTimeout(TimeSpan.FromSeconds(options.TotalTimeoutSeconds));

                // Delivery:MaxRetries 0 means no in-process retry (Polly's retry takes at least one): the queue retries.
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds),
                        MaxDelay = maxDelay,
                        ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),

                        // Retry-After is honoured but capped, so a partner cannot hold an invocation past its lease.
                        ShouldRetryAfterHeader = false,
                        DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome) is { } wait ? (TimeSpan?)(wait < maxDelay ? wait : maxDelay) : null),
                    });
                }

                pipeline.AddTimeout(TimeSpan.FromSeconds(options.AttemptTimeoutSeconds));
            });

        // Added after the resilience handler, so inside it: it sees every try.
        client.AddHttpMessageHandler(() => new StartedRequestsHandler());
        return services;
    }

    private static TimeSpan? RetryAfter(Outcome<HttpResponseMessage> outcome)
    {
        var header = outcome.Result?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException { InnerException: DestinationNotAllowedException } } => false,
        { Exception: HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        _ => false,
    };
}
