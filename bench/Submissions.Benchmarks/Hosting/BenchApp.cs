using System.Security.Cryptography;
using Azure.Core;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Submissions.Application.Hosting;
using Submissions.Application.Partners;
using Submissions.Benchmarks.Accounting;
using Submissions.Functions.Hosting;
using Submissions.Storage;

namespace Submissions.Benchmarks.Hosting;

/// <summary>
/// The function app exactly as Program.cs builds it (the real composition root), in Development, pointed at the run's
/// Azurite with a table prefix of its own — so each scenario measures against tables only it has filled — and with
/// every storage round trip counted. The host is built, not started: handlers are called directly, as the Functions
/// host would call them.
/// </summary>
internal sealed class BenchApp : IDisposable
{
    private readonly IHost host;

    private BenchApp(IHost host, StorageAccounting requests, string tablePrefix)
    {
        this.host = host;
        Requests = requests;
        TablePrefix = tablePrefix;
    }

    public IServiceProvider Services => host.Services;

    public SubmissionsTables Tables => Services.GetRequiredService<SubmissionsTables>();

    /// <summary>
    /// `--StorageDelayMs`: set once by Program before any app starts; zero adds nothing. A process-wide setting rather
    /// than a parameter, so every scenario's app gets it without each passing it on.
    /// </summary>
    public static TimeSpan AddedStorageDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Every HTTP request the app's storage clients sent, bare SDK calls made through them included, and each operation's share.</summary>
    public StorageAccounting Requests { get; }

    public string TablePrefix { get; }

    public static async Task<BenchApp> StartAsync(string connectionString, IDictionary<string, string>? settings = null, TimeProvider? clock = null)
    {
        var tablePrefix = "b" + Guid.NewGuid().ToString("N")[..10];
        var values = new Dictionary<string, string>
        {
            ["SubmissionsStorage"] = connectionString,
            ["Storage:TablePrefix"] = tablePrefix,
            // Development has a fallback pepper; a random one keeps the run independent of it.
            ["Privacy:SubjectKeyPepper"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
            // The demo catalog (consent labels, poll, partner, promotion) is what form scenarios post against.
            ["Demo:SeedOnStart"] = "true",
            [PartnerSettings.SigningSecret("demo-partner")] = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            // Form scenarios post thousands of forms from a few hundred client addresses in a minute: far above the
            // production limit, which would answer 429 and measure the refusal instead of the submission.
            ["RateLimits:PermitsPerWindow"] = "1000000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        // Settings reach the app as in production: through the builder's configuration sources.
        var args = values.SelectMany(pair => new[] { $"--{pair.Key}", pair.Value }).ToArray();
        var builder = SubmissionsFunctionsApp.CreateBuilder(args);
        builder.Environment.EnvironmentName = Environments.Development;

        // Per request, not per call: a retried request is another round trip.
        // The delay after the accounting, so a request's time in the accounting includes it.
        var requests = new StorageAccounting();
        builder.Services.AddAzureClients(clients => clients.ConfigureDefaults(options =>
        {
            options.AddPolicy(requests, HttpPipelinePosition.PerRetry);
            if (AddedStorageDelay > TimeSpan.Zero)
            {
                options.AddPolicy(new StorageDelay(AddedStorageDelay), HttpPipelinePosition.PerRetry);
            }
        }));

        if (clock is not null)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton(clock));
        }

        // Per-request information logs would be measured too and would bury the progress lines.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        var app = new BenchApp(builder.Build(), requests, tablePrefix);
        await app.Services.GetRequiredService<StorageInitializer>().InitializeAsync(CancellationToken.None);
        return app;
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// Makes a function class the way the worker does for each invocation: a new instance, its dependencies from the
    /// container, through a factory compiled once.
    /// </summary>
    public Func<T> FunctionFactory<T>()
        where T : class
    {
        var factory = ActivatorUtilities.CreateFactory<T>([]);
        return () => factory(Services, []);
    }

    public void Dispose() => host.Dispose();
}
