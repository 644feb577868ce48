using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Retention;

namespace Submissions.Functions.Timers;

/// <summary>
/// Daily, just after midnight UTC (so the day that ended loses its client salt at once): delete what is past its
/// retention age and write the purge report. Timer functions run on
/// one instance at a time (the host holds a lease), and every purge is idempotent, so a missed or repeated run is harmless.
/// </summary>
public sealed class RetentionPurgeFunction(RetentionPurger purger)
{
    public const string Schedule = "0 5 0 * * *";

    [Function("PurgeExpiredData")]
    public Task PurgeAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        purger.PurgeAsync(cancellationToken);
}
