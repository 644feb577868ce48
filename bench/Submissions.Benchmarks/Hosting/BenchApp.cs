using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Submissions.Application.Hosting;
using Submissions.Application.Partners;
using Submissions.Functions.Hosting;
using Submissions.Storage;

namespace Submissions.Benchmarks.Hosting;

/// <summary>
/// The function app exactly as Program.cs builds it (the real composition root), in Development, pointed at the run's
/// Azurite with a table prefix of its own — so each scenario measures against tables only it has filled. The host is
/// built, not started: handlers are called directly, as the Functions host would call them.
/// </summary>
internal sealed class BenchApp : IDisposable
{
    private readonly IHost host;

    private BenchApp(IHost host) => this.host = host;

    public IServiceProvider Services => host.Services;

    public SubmissionsTables Tables => Services.GetRequiredService<SubmissionsTables>();

    public static async Task<BenchApp> StartAsync(string connectionString, IDictionary<string, string>? settings = null)
    {
        var values = new Dictionary<string, string>
        {
            ["SubmissionsStorage"] = connectionString,
            ["Storage:TablePrefix"] = "b" + Guid.NewGuid().ToString("N")[..10],
            // Development has a fallback pepper; a random one keeps the run independent of it.
            ["Privacy:SubjectKeyPepper"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
            // The demo catalog (consent labels, poll, partner, promotion) is what form scenarios post against.
            ["Demo:SeedOnStart"] = "true",
            [PartnerSettings.SigningSecret("demo-partner")] = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        // Settings reach the app as in production: through the builder's configuration sources.
        var args = values.SelectMany(pair => new[] { $"--{pair.Key}", pair.Value }).ToArray();
        var builder = SubmissionsFunctionsApp.CreateBuilder(args);
        builder.Environment.EnvironmentName = Environments.Development;

        // Per-request information logs would be measured too and would bury the progress lines.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        var app = new BenchApp(builder.Build());
        await app.Services.GetRequiredService<StorageInitializer>().InitializeAsync(CancellationToken.None);
        return app;
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public void Dispose() => host.Dispose();
}
