using Azure.Data.Tables;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Http;
using Submissions.Storage;

namespace Submissions.Application.Health;

/// <summary>GET health: 200 when a one-row read of the app's tables succeeds in time, 503 otherwise.</summary>
public sealed partial class HealthHandler(SubmissionsTables tables, IOptions<HealthOptions> options, ILogger<HealthHandler> logger)
{
    public async Task<IActionResult> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        try
        {
            // A data-plane read, the same permission the app needs, not an account-level call it may not be granted.
            var pages = tables.ConsentLabels.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: timeout.Token).AsPages();
            await foreach (var _ in pages.WithCancellation(timeout.Token))
            {
                break;
            }

            return ApiResult.Ok(new HealthReport("healthy", new Dictionary<string, string> { ["storage"] = "reachable" }))
                .WithHeader("Cache-Control", "no-store");
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            LogUnhealthy(logger, StorageFailure.Describe(ex).Status, ex.GetType().Name);
            return Problems.Create(503, "Storage is not reachable.", "The app cannot read its tables; see the logs.")
                .WithHeader("Retry-After", "10");
        }
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Health check failed: storage status {Status} ({Failure})")]
    private static partial void LogUnhealthy(ILogger logger, int status, string failure);
}

public sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Checks);
