using System.Globalization;
using Microsoft.Playwright;
using Submissions.LocalHost.Tests.Infrastructure;
using Submissions.Testing;

namespace Submissions.Site.Tests.Browser;

/// <summary>
/// What a tester has after the run command, for the browser tests: a real Azurite, the function app under the local
/// host (its CORS allowing exactly the site's origin), the example site served by serve.mjs with the kit freshly bundled,
/// and a headless Chromium. Each test gets a fresh browser context; screenshots go to TestResults/screenshots/.
/// </summary>
public sealed class BrowserWorld : IAsyncLifetime
{
    private AzuriteProcess? azurite;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryPaths.Root, "TestResults", "screenshots");

    internal LocalHostUnderTest Host { get; private set; } = null!;

    internal SiteServer Site { get; private set; } = null!;

    public string ConnectionString => azurite!.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        // Before anything is started: without a browser there is nothing to leave behind.
        var chromium = Chromium.ExecutablePath;
        await new BuiltKit().InitializeAsync();
        azurite = await AzuriteProcess.StartAsync();
        (Host, Site) = await StartAppAndSiteAsync(azurite.ConnectionString, new Dictionary<string, string> { ["RateLimits__PermitsPerWindow"] = "10000" });
        await Host.WaitForSeedAsync();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>
    /// The app on a free port and the site pointing at it, the app allowing the site's origin — as the run command
    /// starts them. Settings are the app's (e.g. a rate limit for the 429 test).
    /// </summary>
    internal static async Task<(LocalHostUnderTest Host, SiteServer Site)> StartAppAndSiteAsync(string connectionString, IDictionary<string, string> settings)
    {
        var apiPort = AzuriteProcess.FreePort();
        var site = await SiteServer.StartAsync($"http://127.0.0.1:{apiPort.ToString(CultureInfo.InvariantCulture)}/api", CancellationToken.None);
        var appSettings = new Dictionary<string, string>(settings) { ["Cors__AllowedOrigins"] = site.Address.GetLeftPart(UriPartial.Authority) };
        return (await LocalHostUnderTest.StartAsync(connectionString, appSettings, apiPort), site);
    }

    /// <summary>A page in a fresh context (no cookies or storage shared with another test), opened at the site's path.</summary>
    public async Task<IPage> OpenAsync(string path, Uri? site = null)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync(new Uri(site ?? Site.Address, path).ToString());
        return page;
    }

    /// <summary>A full-page screenshot under TestResults/screenshots/, its path reported in the test output.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.SendDiagnosticMessage("Screenshot: " + path);
        TestContext.Current.TestOutputHelper?.WriteLine("Screenshot: " + path);
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (Site is not null)
        {
            await Site.DisposeAsync();
        }

        azurite?.Dispose();
    }
}
