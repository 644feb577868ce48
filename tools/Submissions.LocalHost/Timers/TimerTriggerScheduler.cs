using Microsoft.Azure.Functions.Worker;
using NCrontab;
using Submissions.LocalHost.Metadata;

namespace Submissions.LocalHost.Timers;

/// <summary>
/// A timer trigger: runs the function at each occurrence of its six-field NCRONTAB schedule, in UTC (the host's default
/// time zone in Azure), parsed by the same library as the host's. One run at a time; a run that overlaps the next
/// occurrence delays it, as the host's does. runOnStartup is honoured.
/// </summary>
internal sealed partial class TimerTriggerScheduler(
    FunctionEntry function,
    TimerTrigger trigger,
    string schedule,
    Func<TimerInfo, CancellationToken, Task> invoke,
    TimeProvider time,
    ILogger<TimerTriggerScheduler> logger) : BackgroundService
{
    private readonly CrontabSchedule parsed = Parse(schedule);

    public static CrontabSchedule Parse(string schedule) =>
        CrontabSchedule.Parse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 });

    public DateTime NextAfter(DateTime utc) => parsed.GetNextOccurrence(utc);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateTime? last = null;
        if (trigger.RunOnStartup)
        {
            last = await RunAsync(last, time.GetUtcNow().UtcDateTime, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            // From the later of now and the last occurrence: a delay that ends a few milliseconds early (timer
            // granularity) must not make the same occurrence due twice.
            var now = time.GetUtcNow().UtcDateTime;
            var due = NextAfter(last is { } previous && previous > now ? previous : now);
            try
            {
                await Task.Delay(due - now, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            last = await RunAsync(last, due, stoppingToken);
        }
    }

    /// <summary>Runs the occurrence that was due; answers it, the next run's "last".</summary>
    private async Task<DateTime> RunAsync(DateTime? last, DateTime due, CancellationToken stoppingToken)
    {
        var info = new TimerInfo
        {
            IsPastDue = false,
            ScheduleStatus = new ScheduleStatus { Last = last ?? default, Next = NextAfter(due), LastUpdated = time.GetUtcNow().UtcDateTime },
        };
        try
        {
            await invoke(info, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogFailed(logger, function.Name, ex.GetType().FullName);
        }

        return due;
    }

    [LoggerMessage(EventId = 9201, Level = LogLevel.Error, Message = "Timer function {Function} failed with {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string function, string? exceptionType);
}
