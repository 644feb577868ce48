using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Submissions.Functions.Hosting;

public static class TelemetryRegistration
{
    /// <summary>
    /// OpenTelemetry with the Functions worker's defaults (host.json sets telemetryMode to OpenTelemetry), exported to
    /// Application Insights when its connection string is configured, authenticated as the app's managed identity when
    /// APPLICATIONINSIGHTS_AUTHENTICATION_STRING asks for Entra ID (as the Bicep sets it). What is logged is the app's own structured
    /// messages, which carry subject keys and ids, never personal values.
    /// </summary>
    public static IServiceCollection AddSubmissionsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
        if (!string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            var credential = ApplicationInsightsCredential.FromAuthenticationString(configuration[ApplicationInsightsCredential.SettingName]);
            telemetry.UseAzureMonitorExporter(options => options.Credential = credential);
        }

        return services;
    }
}
