using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Retention;

namespace Submissions.Functions.Timers;

/// <summary>
/// Daily, at a quiet hour: delete what is past its retention age and write the purge report. Timer functions run on
/// one instance at a time (the host holds a lease), and every purge is idempotent, so a missed or repeated run is harmless.
/// </summary>
public sealed class RetentionPurgeFunction(RetentionPurger purger)
{
    public const string Schedule = "0 30 3 * * *";

    [Function("PurgeExpiredData")]
    public Task PurgeAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        purger.PurgeAsync(cancellationToken);
}
