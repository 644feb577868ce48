using System.Globalization;
using Microsoft.Playwright;
using Submissions.LocalHost.Tests.Infrastructure;
using Submissions.Testing;

namespace Submissions.Site.Tests.Browser;

/// <summary>
/// What a tester has after the run command, for the browser tests: a real Azurite, a real SMTP listener on loopback
/// (where the app's mail goes, as smtp4dev's would), the reference partner receiver as the demo partner's webhook, the
/// function app under the local host (its CORS allowing exactly the site's origin, its links pointing at itself), the
/// example site served by serve.mjs with the kit freshly bundled, and a headless Chromium. Each test gets a fresh
/// browser context; screenshots go to TestResults/screenshots/.
/// </summary>
public sealed partial class BrowserWorld : IAsyncLifetime
{
    private AzuriteProcess? azurite;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryPaths.Root, "TestResults", "screenshots");

    internal LocalHostUnderTest Host { get; private set; } = null!;

    internal SiteServer Site { get; private set; } = null!;

    /// <summary>Every mail the app sent, as a relay received it.</summary>
    internal LoopbackSmtpServer Mail { get; private set; } = null!;

    /// <summary>What reached the demo partner.</summary>
    internal PartnerReceiverUnderTest Partner { get; private set; } = null!;

    public string ConnectionString => azurite!.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        // Before anything is started: without a browser there is nothing to leave behind.
        var chromium = Chromium.ExecutablePath;
        await new BuiltKit().InitializeAsync();
        azurite = await AzuriteProcess.StartAsync();
        Mail = await LoopbackSmtpServer.StartAsync();
        Partner = await PartnerReceiverUnderTest.StartAsync();
        (Host, Site) = await StartAppAndSiteAsync(new Dictionary<string, string> { ["RateLimits__PermitsPerWindow"] = "10000" });
        await Host.WaitForSeedAsync();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>
    /// The app on a free port and the site pointing at it, as the run command starts them: the app allowing the site's
    /// origin, mailing the world's SMTP listener (plain SMTP on loopback: Mail__Security None, allowed in Development
    /// only), its mailed links pointing at itself, the demo partner's webhook the world's receiver. Settings are the
    /// app's (e.g. a rate limit for the 429 test).
    /// </summary>
    /// <remarks>
    /// No table prefix: the world has an Azurite of its own, and the local host's queue triggers listen on the queue
    /// names of functions.metadata, which the app uses unprefixed. A second app started here (the 429 test) is then a
    /// second instance of the same app on the same storage, as in a scale-out.
    /// </remarks>
    internal async Task<(LocalHostUnderTest Host, SiteServer Site)> StartAppAndSiteAsync(IDictionary<string, string> settings)
    {
        var apiPort = AzuriteProcess.FreePort().ToString(CultureInfo.InvariantCulture);
        var site = await SiteServer.StartAsync($"http://127.0.0.1:{apiPort}/api", CancellationToken.None);
        var appSettings = new Dictionary<string, string>(settings)
        {
            ["Storage__TablePrefix"] = string.Empty,
            ["Cors__AllowedOrigins"] = site.Address.GetLeftPart(UriPartial.Authority),
            ["OptOut__PublicBaseUrl"] = $"http://127.0.0.1:{apiPort}",
            ["Mail__Host"] = "127.0.0.1",
            ["Mail__Port"] = Mail.Port.ToString(CultureInfo.InvariantCulture),
            ["Mail__Security"] = "None",
            ["Partners__demo_partner__WebhookUrl"] = Partner.WebhookUrl.ToString(),
            ["Partners__demo_partner__SigningSecret"] = Partner.SigningSecret,
        };
        return (await LocalHostUnderTest.StartAsync(ConnectionString, appSettings, int.Parse(apiPort, CultureInfo.InvariantCulture)), site);
    }

    /// <summary>
    /// The confirm link of the confirmation mail sent to <paramref name="email"/>, read from the mail as the SMTP
    /// listener received it (its plain-text part; the HTML part carries the same link).
    /// </summary>
    internal async Task<(Uri Link, LoopbackSmtpServer.ReceivedMail Mail)> ConfirmLinkFromMailAsync(string email)
    {
        var mail = await Mail.WaitForAsync(email, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var text = mail.Message.TextBody ?? string.Empty;
        var link = ConfirmLink().Match(text);
        Assert.True(link.Success, "The confirmation mail holds a confirm link:\n" + text);
        Assert.Contains(link.Value, mail.Message.HtmlBody ?? string.Empty, StringComparison.Ordinal);
        return (new Uri(link.Value), mail);
    }

    /// <summary>Confirms the submission mailed to <paramref name="email"/> as its owner's mail program would: the POST of its confirm link.</summary>
    internal async Task ConfirmFromMailAsync(string email)
    {
        var (link, _) = await ConfirmLinkFromMailAsync(email);
        using var request = new HttpRequestMessage(HttpMethod.Post, link);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await Host.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"https?://[^\s<>""']+/api/confirm\?token=[A-Za-z0-9_-]+")]
    private static partial System.Text.RegularExpressions.Regex ConfirmLink();

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

        if (Partner is not null)
        {
            await Partner.DisposeAsync();
        }

        if (Mail is not null)
        {
            await Mail.DisposeAsync();
        }

        azurite?.Dispose();
    }
}
