using System.Collections.Concurrent;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Submissions.LocalHost.Metadata;
using Submissions.LocalHost.Timers;

namespace Submissions.LocalHost.Tests.Timers;

public sealed class TimerTriggerSchedulerTests
{
    [Fact]
    public void Every_timer_of_functions_metadata_has_a_six_field_schedule_the_host_would_accept()
    {
        var timers = FunctionsMetadataFile.Load(Path.Combine(AppContext.BaseDirectory, FunctionsMetadataFile.FileName))
            .Select(function => function.Trigger).OfType<TimerTrigger>().ToList();

        Assert.NotEmpty(timers);
        Assert.All(timers, timer =>
        {
            Assert.Equal(6, timer.Schedule.Split(' ').Length);
            Assert.NotNull(TimerTriggerScheduler.Parse(timer.Schedule));
        });
    }

    [Fact]
    public async Task A_timer_runs_at_each_occurrence_of_its_schedule_and_not_between()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 12, 0, 1, TimeSpan.Zero));
        var runs = new ConcurrentQueue<TimerInfo>();
        using var scheduler = new TimerTriggerScheduler(
            new FunctionEntry("Sweep", "Test.dll", "Test.Sweep", new TimerTrigger("timer", "0 */5 * * * *", RunOnStartup: false)),
            new TimerTrigger("timer", "0 */5 * * * *", RunOnStartup: false),
            "0 */5 * * * *",
            (info, _) =>
            {
                runs.Enqueue(info);
                return Task.CompletedTask;
            },
            time,
            NullLogger<TimerTriggerScheduler>.Instance);
        await scheduler.StartAsync(TestContext.Current.CancellationToken);

        time.Advance(TimeSpan.FromMinutes(4));
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Empty(runs);

        await AdvanceUntilAsync(time, () => runs.Count == 1);
        await AdvanceUntilAsync(time, () => runs.Count == 2);
        await scheduler.StopAsync(CancellationToken.None);

        var second = runs.Last();
        Assert.Equal(new DateTime(2026, 12, 3, 12, 5, 0, DateTimeKind.Utc), second.ScheduleStatus!.Last);
        Assert.Equal(new DateTime(2026, 12, 3, 12, 15, 0, DateTimeKind.Utc), second.ScheduleStatus.Next);
    }

    /// <summary>
    /// Moves the clock in 30-second steps until the condition holds (at most 6 minutes): the scheduler re-arms its
    /// timer on its own thread after each run, so one big step could land before it has.
    /// </summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> condition)
    {
        for (var step = 0; step < 12 && !condition(); step++)
        {
            time.Advance(TimeSpan.FromSeconds(30));
            for (var wait = 0; wait < 20 && !condition(); wait++)
            {
                await Task.Delay(25, TestContext.Current.CancellationToken);
            }
        }

        Assert.True(condition());
    }
}
