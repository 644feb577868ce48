using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Submissions.Site.Tests.Browser;

/// <summary>axe-core's automated checks on every page of the site, as loaded and with errors shown: no serious or critical violation.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AccessibilityTests(BrowserWorld world)
{
    public static TheoryData<string, string?> Pages => new()
    {
        { "index.html", null },
        { "registration.html", "registration" },
        { "comment.html", "comment" },
        { "poll.html", "poll" },
        { "promotion.html", "promotion" },
        { "opt-out.html?token=not-a-real-token", null },
        { "opt-out.html", null },
        { "my-data.html", null },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_has_no_serious_or_critical_accessibility_violation(string path, string? prefix)
    {
        var page = await world.OpenAsync(path);
        if (prefix is not null)
        {
            await new SitePage(page, prefix).WaitUntilReadyAsync();
        }
        else
        {
            await WaitUntilScriptedAsync(page, path);
        }

        AssertNoSeriousViolation(await page.RunAxe(), path);
    }

    // A page without a form is ready once its module has run: waiting for "network idle" instead timed out under load.
    private static async Task WaitUntilScriptedAsync(IPage page, string path)
    {
        var shown = path switch
        {
            "index.html" => page.Locator("#api-base").Filter(new LocatorFilterOptions { HasNotText = "loading" }),
            "opt-out.html" => page.Locator("#opt-out-missing"),
            _ when path.StartsWith("opt-out.html?", StringComparison.Ordinal) => page.Locator("#opt-out-confirm"),
            _ => page.Locator("main"),
        };
        await Assertions.Expect(shown).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_form_showing_its_errors_has_no_serious_or_critical_accessibility_violation()
    {
        var page = await world.OpenAsync("registration.html");
        var form = new SitePage(page, "registration");
        await form.WaitUntilReadyAsync();
        await form.Submit.ClickAsync();
        await Assertions.Expect(page.Locator("#registration-email-error")).ToBeVisibleAsync();

        AssertNoSeriousViolation(await page.RunAxe(), "registration.html with errors");
    }

    [Fact]
    public async Task A_registration_waiting_for_its_confirmation_has_no_serious_or_critical_accessibility_violation()
    {
        var page = await world.OpenAsync("registration.html");
        var form = new SitePage(page, "registration");
        await form.WaitUntilReadyAsync();
        await page.FillAsync("#registration-email", $"axe.{Guid.NewGuid():N}@example.test");
        await page.FillAsync("#registration-displayName", "Axe");
        await form.AnswerAsync(_ => true);
        await form.Submit.ClickAsync();
        await Assertions.Expect(page.Locator("#registration-confirmation-note")).ToBeVisibleAsync();
        await BrowserWorld.ScreenshotAsync(page, "registration-awaiting-confirmation");

        AssertNoSeriousViolation(await page.RunAxe(), "registration.html awaiting confirmation");
    }

    [Fact]
    public async Task The_my_data_form_showing_its_errors_has_no_serious_or_critical_accessibility_violation()
    {
        var page = await world.OpenAsync("my-data.html");
        await page.ClickAsync("#my-data-submit");
        await Assertions.Expect(page.Locator("#my-data-email-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#my-data-kind-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#my-data-email")).ToBeFocusedAsync();
        await BrowserWorld.ScreenshotAsync(page, "my-data-errors");

        AssertNoSeriousViolation(await page.RunAxe(), "my-data.html with errors");
    }

    private static void AssertNoSeriousViolation(AxeResult result, string where)
    {
        var serious = result.Violations.Where(violation => violation.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{where}: " + string.Join("; ", serious.Select(violation =>
            $"{violation.Id} ({violation.Impact}): {violation.Help} at {string.Join(", ", violation.Nodes.Select(node => node.Target?.ToString()))}")));
    }
}
