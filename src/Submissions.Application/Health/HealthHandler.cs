using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Http;
using Submissions.Storage.Health;

namespace Submissions.Application.Health;

/// <summary>GET health: 200 when every dependency the probe checks answers in time, 503 otherwise.</summary>
public sealed partial class HealthHandler(StorageHealthProbe probe, IOptions<HealthOptions> options, ILogger<HealthHandler> logger)
{
    public async Task<IActionResult> CheckAsync(CancellationToken cancellationToken)
    {
        var dependencies = await probe.ProbeAsync(TimeSpan.FromSeconds(options.Value.TimeoutSeconds), cancellationToken);
        if (dependencies.FirstOrDefault(dependency => !dependency.Healthy) is { } unhealthy)
        {
            LogUnhealthy(logger, unhealthy.Status, unhealthy.Failure ?? "unknown");
            return Problems.Create(ProblemTypes.StorageUnavailable, 503, "Storage is not reachable.", "The app cannot read its tables; see the logs.")
                .WithHeader("Retry-After", "10");
        }

        var checks = dependencies.ToDictionary(dependency => dependency.Dependency, _ => "reachable", StringComparer.Ordinal);
        return ApiResult.Ok(new HealthReport("healthy", checks)).WithHeader("Cache-Control", "no-store");
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Health check failed: storage status {Status} ({Failure})")]
    private static partial void LogUnhealthy(ILogger logger, int status, string failure);
}
