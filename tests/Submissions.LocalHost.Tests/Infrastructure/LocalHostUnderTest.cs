using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Submissions.LocalHost.Http;

namespace Submissions.LocalHost.Tests.Infrastructure;

/// <summary>
/// The local host started in this process on a free loopback port, serving the app against the shared Azurite with a
/// table prefix of its own, with fresh keys in a temporary file. Settings go to the app directly, not through the
/// process environment, so several run side by side.
/// </summary>
internal sealed class LocalHostUnderTest : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string keysFile;

    private LocalHostUnderTest(WebApplication app, string keysFile)
    {
        this.app = app;
        this.keysFile = keysFile;
        Client = new HttpClient { BaseAddress = new Uri(LocalHostApp.Address(app) + "/") };
    }

    public HttpClient Client { get; }

    public FunctionKeys Keys => app.Services.GetRequiredService<FunctionKeys>();

    public IServiceProvider Services => app.Services;

    public static async Task<LocalHostUnderTest> StartAsync(string connectionString, IDictionary<string, string>? settings = null, int port = 0)
    {
        var keysFile = Path.Combine(Path.GetTempPath(), "localhost-keys-" + Guid.NewGuid().ToString("N") + ".json");
        var values = new Dictionary<string, string>
        {
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
            ["SubmissionsStorage"] = connectionString,
            ["Storage__TablePrefix"] = "l" + Guid.NewGuid().ToString("N")[..10],
            ["Privacy__SubjectKeyPepper"] = "local-host-test-pepper-0123456789abcdef",
            ["Admin__RequireRole"] = "false",
            ["Demo__SeedOnStart"] = "true",
            // Never a developer's smtp4dev on the default port 2525: a port nobody listens on, unless the caller passes
            // one (the fixture's SMTP listener, or the browser tests' own).
            ["Mail__Host"] = "127.0.0.1",
            ["Mail__Port"] = Submissions.Testing.AzuriteProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            values[name] = value;
        }

        var app = LocalHostApp.Build(["--Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--KeysFile", keysFile], values);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new LocalHostUnderTest(app, keysFile);
    }

    /// <summary>Waits until the demo seed is in: the app seeds in the background at start-up, as under the real host.</summary>
    public async Task WaitForSeedAsync()
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
        File.Delete(keysFile);
    }
}
