using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Abuse;
using Submissions.Application.ConsentLabels;
using Submissions.Storage;
using Submissions.Storage.Blobs;
using Submissions.Storage.Queues;

namespace Submissions.Application.Hosting;

/// <summary>
/// At start-up: in Development creates the app's tables and queues (a deployment provisions them), loads today's client
/// salt, seeds the demo data idempotently where asked, then preloads the consent catalog. Runs in the background and
/// retries, so a storage emulator that starts a moment later does not crash the app.
/// </summary>
public sealed partial class StorageInitializer(
    SubmissionsTables tables,
    SubmissionsQueues queues,
    SubmissionsBlobs blobs,
    DemoData demo,
    ClientDaySalts clientSalts,
    ConsentLabelCatalog consentLabels,
    IHostEnvironment environment,
    IOptions<DemoOptions> demoOptions,
    IOptions<StorageOptions> storageOptions,
    TimeProvider time,
    ILogger<StorageInitializer> logger) : BackgroundService
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    public bool SeedsDemoData => demoOptions.Value.SeedOnStart ?? environment.IsDevelopment();

    /// <summary>Whether start-up creates the tables and queues: Development's default; infra/ provisions them elsewhere.</summary>
    public bool CreatesStorage => storageOptions.Value.CreateOnStart ?? environment.IsDevelopment();

    /// <summary>Creates every table, queue and blob container the app uses, as infra/main.bicep does for a deployment.</summary>
    public async Task ProvisionAsync(CancellationToken cancellationToken)
    {
        await tables.CreateIfNotExistsAsync(cancellationToken);
        await queues.CreateIfNotExistsAsync(cancellationToken);
        await blobs.CreateIfNotExistsAsync(cancellationToken);
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        // Twenty create requests on every cold start of every instance otherwise, each answered 409 in production.
        if (CreatesStorage)
        {
            await ProvisionAsync(cancellationToken);
        }

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
                await PreloadConsentCatalogAsync(stoppingToken);
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

    /// <summary>
    /// The first form then finds the catalog in memory. A failure only costs that: the first request loads it, so it
    /// is logged and not retried (the initialization above has just reached storage, so a failure here is brief).
    /// </summary>
    private async Task PreloadConsentCatalogAsync(CancellationToken cancellationToken)
    {
        try
        {
            await consentLabels.GetAsync(cancellationToken);
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            var (status, errorCode) = StorageFailure.Describe(ex);
            LogCatalogPreloadFailed(logger, status, errorCode);
        }
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "Consent catalog not preloaded (status {Status}, {ErrorCode}); the first request that needs it loads it")]
    private static partial void LogCatalogPreloadFailed(ILogger logger, int status, string? errorCode);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Demo data seeded: {Added} items added")]
    private static partial void LogSeeded(ILogger logger, int added);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Storage initialization failed (status {Status}, {ErrorCode}); retrying in {DelaySeconds} s")]
    private static partial void LogRetry(ILogger logger, int status, string? errorCode, double delaySeconds);
}
