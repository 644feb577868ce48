using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Submissions.Functions.Hosting;

public static class TelemetryRegistration
{
    /// <summary>ASP.NET Core's per-request log lines ("Request starting GET …/api/opt-out?token=…") carry the query string.</summary>
    public const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// OpenTelemetry with the Functions worker's defaults (host.json sets telemetryMode to OpenTelemetry), exported to
    /// Application Insights when its connection string is configured, authenticated as the app's managed identity when
    /// APPLICATIONINSIGHTS_AUTHENTICATION_STRING asks for Entra ID (as the Bicep sets it). What is logged is the app's own structured
    /// messages, which carry subject keys and ids, never personal values. No query string reaches a log line or a span:
    /// an opt-out token (and a function key sent as <c>?code=</c>) is a bearer capability, so the hosting request logs
    /// are off and every span's URL is cut at the '?' before any exporter sees it.
    /// </summary>
    public static IServiceCollection AddSubmissionsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        // For every logging provider, not only the exporter: the host already records each invocation and its result.
        services.AddLogging(logging => logging.AddFilter(HostingDiagnosticsCategory, LogLevel.Warning));
        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.EnrichWithHttpRequest = (activity, _) => QueryStringRedactingProcessor.Redact(activity))

                // Added before any exporter, so it runs first at the end of every span, whatever its source.
                .AddProcessor(new QueryStringRedactingProcessor()));
        if (!string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            var credential = ApplicationInsightsCredential.FromAuthenticationString(configuration[ApplicationInsightsCredential.SettingName]);
            telemetry.UseAzureMonitorExporter(options => options.Credential = credential);
        }

        return services;
    }
}
