using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Exports;

namespace Submissions.Functions.Timers;

/// <summary>
/// Hourly, at twenty past: index every finished day whose grace (Exports:IndexGraceMinutes, an hour) is over, so a
/// short export reads its rows by key instead of scanning its kind. Hourly so that a failed run is caught up within
/// the hour; a run with nothing due is one point read. One instance at a time (the host holds the timer's lease).
/// </summary>
public sealed class ExportDayIndexFunction(ExportDayIndexing indexing)
{
    public const string Schedule = "0 20 * * * *";

    [Function("IndexExportDays")]
    public Task IndexAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        indexing.RunAsync(cancellationToken);
}
