using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Abuse;
using Submissions.Storage;
using Submissions.Storage.Queues;

namespace Submissions.Application.Hosting;

/// <summary>
/// At start-up: creates the app's tables, loads today's client salt and, in Development, seeds the demo data idempotently. Runs in the
/// background and retries, so a storage emulator that starts a moment later does not crash the app.
/// </summary>
public sealed partial class StorageInitializer(
    SubmissionsTables tables,
    SubmissionsQueues queues,
    DemoData demo,
    ClientDaySalts clientSalts,
    IHostEnvironment environment,
    IOptions<DemoOptions> demoOptions,
    TimeProvider time,
    ILogger<StorageInitializer> logger) : BackgroundService
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    public bool SeedsDemoData => demoOptions.Value.SeedOnStart ?? environment.IsDevelopment();

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await tables.CreateIfNotExistsAsync(cancellationToken);
        await queues.CreateIfNotExistsAsync(cancellationToken);

        // Today's client salt, so the first form of the day does not wait for it.
        await clientSalts.ForAsync(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), cancellationToken);
        if (!SeedsDemoData)
        {
            return;
        }

        var added = await demo.SeedAsync(time.GetUtcNow(), cancellationToken);
        LogSeeded(logger, added);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await InitializeAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (StorageFailure.Is(ex, stoppingToken))
            {
                var (status, errorCode) = StorageFailure.Describe(ex);
                LogRetry(logger, status, errorCode, delay.TotalSeconds);
            }

            await Task.Delay(delay, time, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Demo data seeded: {Added} items added")]
    private static partial void LogSeeded(ILogger logger, int added);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Storage initialization failed (status {Status}, {ErrorCode}); retrying in {DelaySeconds} s")]
    private static partial void LogRetry(ILogger logger, int status, string? errorCode, double delaySeconds);
}
