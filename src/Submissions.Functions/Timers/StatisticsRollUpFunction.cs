using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Statistics;

namespace Submissions.Functions.Timers;

/// <summary>
/// Hourly, at ten past: roll up every finished day whose grace (Statistics:RollUpGraceMinutes, an hour) is over and
/// that has no roll-up yet. Hourly rather than daily so that a failed run is caught up within the hour; a run with
/// nothing due is one point read. Timer functions run on one instance at a time (the host holds a lease).
/// </summary>
public sealed class StatisticsRollUpFunction(StatisticsRollUp rollUp)
{
    public const string Schedule = "0 10 * * * *";

    [Function("RollUpStatistics")]
    public Task RollUpAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        rollUp.RunAsync(cancellationToken);
}
