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
        services.AddHttpClient(Name)
            .ConfigurePrimaryHttpMessageHandler(serviceProvider =>
            {
                var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
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
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds),
                    MaxDelay = TimeSpan.FromSeconds(30),
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(options.AttemptTimeoutSeconds));
            });
        return services;
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException { InnerException: DestinationNotAllowedException } } => false,
        { Exception: HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        _ => false,
    };
}
