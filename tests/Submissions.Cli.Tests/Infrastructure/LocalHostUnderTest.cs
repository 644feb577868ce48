using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Submissions.LocalHost;
using Submissions.LocalHost.Http;
using Submissions.LocalHost.Invocation;

namespace Submissions.Cli.Tests.Infrastructure;

/// <summary>
/// The local host started in this process on a free loopback port (as tests/Submissions.LocalHost.Tests starts it),
/// serving the app against the shared Azurite with a table prefix of its own, fresh keys in a temporary file, the demo
/// seed, and <c>Admin__RequireRole=false</c>: the function key alone is admin, as locally.
/// </summary>
internal sealed class LocalHostUnderTest : IAsyncDisposable
{
    private readonly WebApplication app;

    private LocalHostUnderTest(WebApplication app, string keysFile)
    {
        this.app = app;
        KeysFile = keysFile;
        BaseUrl = LocalHostApp.Address(app) + "/api/";
        Client = new HttpClient { BaseAddress = new Uri(LocalHostApp.Address(app) + "/") };
    }

    public HttpClient Client { get; }

    /// <summary>The API's base address, as the CLI's --url takes it.</summary>
    public string BaseUrl { get; }

    public string KeysFile { get; }

    public string DefaultKey => app.Services.GetRequiredService<FunctionKeys>().DefaultKey;

    /// <summary>The function app's own services (its stores), for seeding what no API can create.</summary>
    public IServiceProvider AppServices => app.Services.GetRequiredService<LocalFunctionApp>().Services;

    public static async Task<LocalHostUnderTest> StartAsync(string connectionString, IDictionary<string, string>? settings = null, int port = 0)
    {
        var keysFile = Path.Combine(Path.GetTempPath(), "cli-keys-" + Guid.NewGuid().ToString("N") + ".json");
        var values = new Dictionary<string, string>
        {
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
            ["SubmissionsStorage"] = connectionString,
            ["Storage__TablePrefix"] = "c" + Guid.NewGuid().ToString("N")[..10],
            ["Privacy__SubjectKeyPepper"] = "cli-test-pepper-0123456789abcdef0123",
            ["Admin__RequireRole"] = "false",
            ["Demo__SeedOnStart"] = "true",

            // No read caches: the seed probe's first read of the demo promotion, made before it is seeded, would
            // otherwise be answered from memory for 30 s, and an approved comment would reach its page 10 s late.
            ["ReadCache__PromotionSeconds"] = "0",
            ["ReadCache__CommentListingSeconds"] = "0",
            ["ConsentCatalog__CacheSeconds"] = "0",
            ["Mail__Host"] = "127.0.0.1",
            ["Mail__Port"] = Submissions.Testing.AzuriteProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            values[name] = value;
        }

        var app = LocalHostApp.Build(["--Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--KeysFile", keysFile], values);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var host = new LocalHostUnderTest(app, keysFile);
        await host.WaitForSeedAsync();
        return host;
    }

    /// <summary>Waits until the demo seed is in: the app seeds in the background at start-up, as under the real host.</summary>
    private async Task WaitForSeedAsync()
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            using var response = await Client.GetAsync("api/promotions/demo-promotion", TestContext.Current.CancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("The demo seed did not complete within 60 s.");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
        File.Delete(KeysFile);
    }
}
