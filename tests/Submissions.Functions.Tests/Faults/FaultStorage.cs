using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Azure;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Testing;

namespace Submissions.Functions.Tests.Faults;

/// <summary>
/// A fault class's own storage: an on-disk Azurite (never the assembly's shared one, which other tests use meanwhile)
/// holding the app's tables, queues and demo data under one table prefix, which <see cref="GoDownAsync"/> kills and
/// <see cref="ComeBackAsync"/> restarts. Apps of the class share that prefix, so what one app stored is there for the next.
/// </summary>
public sealed class FaultStorage : IAsyncLifetime
{
    private AzuriteProcess? azurite;

    public string TablePrefix { get; } = "f" + Guid.NewGuid().ToString("N")[..10];

    internal AzuriteProcess Azurite => azurite ?? throw new InvalidOperationException("Azurite is not started.");

    /// <summary>
    /// What every fault app runs with: the storage client gives up after one quick retry, so an outage is answered in
    /// well under a second instead of after the production budget (3 retries, 5 s network timeout).
    /// </summary>
    public static Dictionary<string, string?> FastFailSettings() => new()
    {
        ["Storage:MaxRetries"] = "1",
        ["Storage:NetworkTimeoutSeconds"] = "2",
    };

    public async ValueTask InitializeAsync()
    {
        azurite = await AzuriteProcess.StartAsync(onDisk: true);
        await using (await StartAppAsync(initializeStorage: true))
        {
        }
    }

    /// <summary>An app on this storage: the class's prefix, fast failure, and a fault (an <see cref="OutageGate"/>) in its storage pipeline.</summary>
    public Task<TestApp> StartAppAsync(
        IDictionary<string, string?>? settings = null, HttpPipelinePolicy? fault = null, bool initializeStorage = false)
    {
        var values = FastFailSettings();
        values["Storage:TablePrefix"] = TablePrefix;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return TestApp.StartAsync(
            Azurite.ConnectionString,
            values,
            initializeStorage: initializeStorage,
            services: fault is null ? null : services => services.AddAzureClients(clients =>
                clients.ConfigureDefaults(options => options.AddPolicy(fault, HttpPipelinePosition.PerRetry))));
    }

    /// <summary>
    /// Storage stops answering but keeps what it acknowledged, as real storage would: Azurite first saves its tables and
    /// queues (it saves every 5 s, and a kill loses what came after), then is killed by its PID.
    /// </summary>
    public async Task GoDownAsync()
    {
        await Azurite.WaitForSaveAsync();
        await Azurite.StopAsync();
    }

    /// <summary>
    /// The same Azurite back on its ports, with what it saved. Nothing to do when it is up, so a test can call it from a
    /// finally whether or not its outage began (a restart of a running Azurite would lose what it had not saved).
    /// </summary>
    public Task ComeBackAsync() => Azurite.ProcessId is null ? Azurite.RestartAsync() : Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        azurite?.Dispose();
        return ValueTask.CompletedTask;
    }
}
