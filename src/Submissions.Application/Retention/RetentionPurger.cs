using Microsoft.Extensions.Logging;
using Submissions.Storage;
using Submissions.Storage.Retention;

namespace Submissions.Application.Retention;

/// <summary>
/// Runs every registered retention purge (<see cref="IRetentionPurge"/>: the forms' own and those that span them) against
/// the clock, in their order, and writes one purge report row per kind. Each purge is idempotent, so a run that fails
/// part-way is simply finished by the next one; one purge failing does not stop the others.
/// </summary>
public sealed partial class RetentionPurger(
    IEnumerable<IRetentionPurge> purges,
    PurgeReportStore reports,
    TimeProvider time,
    ILogger<RetentionPurger> logger)
{
    /// <summary>
    /// Purges what is due now and reports it. Throws when any purge failed (after running the rest), so the timer
    /// invocation shows as failed; the exception names the kinds only.
    /// </summary>
    public async Task<RetentionRun> PurgeAsync(CancellationToken cancellationToken)
    {
        var ranAt = time.GetUtcNow();
        var runId = Guid.CreateVersion7().ToString("N");
        var results = new List<PurgeResult>();
        var failed = new List<string>();
        foreach (var purge in purges.OrderBy(purge => purge.Order))
        {
            var (kind, cutoff) = (purge.Kind, purge.CutoffFor(ranAt));
            try
            {
                var count = await purge.PurgeAsync(cutoff, cancellationToken);
                await reports.RecordAsync(kind, count, cutoff, ranAt, runId, cancellationToken);
                results.Add(new PurgeResult(kind, count, cutoff));
                LogPurged(logger, kind, count, cutoff, runId);
            }
            catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
            {
                // Status and code only: a storage error's message can quote keys.
                var (status, errorCode) = StorageFailure.Describe(ex);
                LogPurgeFailed(logger, kind, status, errorCode ?? "none", runId);
                failed.Add(kind);
            }
        }

        return failed.Count == 0
            ? new RetentionRun(runId, ranAt, results)
            : throw new InvalidOperationException($"Retention purge run {runId} failed for {string.Join(", ", failed)}; the next run resumes it.");
    }

    [LoggerMessage(EventId = 2701, Level = LogLevel.Information, Message = "Retention purge {Kind} removed {Count} records older than {Cutoff} (run {RunId})")]
    private static partial void LogPurged(ILogger logger, string kind, int count, DateTimeOffset cutoff, string runId);

    [LoggerMessage(EventId = 2702, Level = LogLevel.Error, Message = "Retention purge {Kind} failed with storage status {Status} {ErrorCode} (run {RunId}); the next run resumes it")]
    private static partial void LogPurgeFailed(ILogger logger, string kind, int status, string errorCode, string runId);
}
