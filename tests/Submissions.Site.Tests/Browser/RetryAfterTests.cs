using Microsoft.Playwright;

namespace Submissions.Site.Tests.Browser;

/// <summary>
/// A 429 across origins: the browser can read Retry-After only because the app exposes it (CORS), and the page shows
/// when to retry and keeps the button disabled until then.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class RetryAfterTests(BrowserWorld world)
{
    [Fact]
    public async Task A_rate_limited_submission_shows_when_to_retry_and_waits_for_it()
    {
        var (host, site) = await world.StartAppAndSiteAsync(new Dictionary<string, string>
        {
            ["RateLimits__PermitsPerWindow"] = "1",
            ["RateLimits__WindowSeconds"] = "120",
        });
        await using (host)
        await using (site)
        {
            await host.WaitForSeedAsync();
            var page = await world.OpenAsync("registration.html", site.Address);
            var form = new SitePage(page, "registration");
            await SubmitAsync(page, form, "first");
            await form.ReceiptIdAsync();

            await SubmitAsync(page, form, "second");

            await Assertions.Expect(form.Status).ToHaveAttributeAsync("data-state", "retry");
            await Assertions.Expect(form.Status).ToHaveAttributeAsync("data-status", "429");
            var countdown = page.Locator("#registration-retry");
            await Assertions.Expect(countdown).ToBeVisibleAsync();
            // The window is 120 s: a wait of a minute or more can only come from the Retry-After header, which the
            // page reads across origins only because the app exposes it (the kit's fallback without it is 5 s).
            await Assertions.Expect(countdown).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d+ s"));
            var seconds = int.Parse(System.Text.RegularExpressions.Regex.Match(await countdown.InnerTextAsync(), @"(\d+) s").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(seconds, 60, 120);
            await Assertions.Expect(form.Submit).ToBeDisabledAsync();
            await BrowserWorld.ScreenshotAsync(page, "registration-rate-limited");
        }
    }

    private static async Task SubmitAsync(IPage page, SitePage form, string name)
    {
        await form.WaitUntilReadyAsync();
        await page.FillAsync("#registration-email", $"{name}.{Guid.NewGuid():N}@example.test");
        await page.FillAsync("#registration-displayName", name);
        await form.AnswerAsync(_ => true);
        await form.Submit.ClickAsync();
    }
}
