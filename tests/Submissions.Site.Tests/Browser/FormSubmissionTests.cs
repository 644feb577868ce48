using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Submissions.Application.OptOut;
using Submissions.Domain.OptOut;
using Submissions.LocalHost.Http;
using Submissions.LocalHost.Invocation;

namespace Submissions.Site.Tests.Browser;

/// <summary>
/// Every form of the example site filled and submitted by clicking, in Chromium, against the app on Azurite: the page
/// shows the receipt the API answered. Each form is photographed filled and answered (TestResults/screenshots/).
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class FormSubmissionTests(BrowserWorld world)
{
    [Fact]
    public async Task Registration_is_filled_by_clicking_and_shows_its_receipt()
    {
        var page = await world.OpenAsync("registration.html");
        var form = new SitePage(page, "registration");
        await form.WaitUntilReadyAsync();
        await page.FillAsync("#registration-email", $"ada.{Guid.NewGuid():N}@example.test");
        await page.FillAsync("#registration-displayName", "Ada");
        await page.FillAsync("#registration-language", "en");
        await page.SelectOptionAsync("#registration-ageRange", "25-34");
        await form.AnswerAsync(labelId => labelId != "special-offers");
        await BrowserWorld.ScreenshotAsync(page, "registration-filled");

        await form.Submit.ClickAsync();
        await form.ReceiptIdAsync();

        // Double opt-in: the page must not say "registered" before the owner of the email confirms.
        await Assertions.Expect(page.Locator("#registration-confirmation-note")).ToContainTextAsync("Check your email");
        await Assertions.Expect(page.Locator("#registration-confirmation-note")).ToContainTextAsync("nothing you agreed to applies until you confirm");
        var answers = page.Locator("#registration-receipt-answers li");
        Assert.Equal((await form.LabelIdsAsync()).Count, await answers.CountAsync());
        Assert.Equal("false", await page.Locator("#registration-receipt-answers li[data-label-id='special-offers']").GetAttributeAsync("data-granted"));
        await BrowserWorld.ScreenshotAsync(page, "registration-answered");
    }

    [Fact]
    public async Task A_comment_is_sent_by_clicking_and_once_approved_appears_in_the_page_listing()
    {
        var pageId = "browser-" + Guid.NewGuid().ToString("N")[..12];
        var page = await world.OpenAsync($"comment.html?page={pageId}");
        var form = new SitePage(page, "comment");
        await form.WaitUntilReadyAsync();
        await Assertions.Expect(page.Locator("#comments-empty")).ToBeVisibleAsync();
        await page.FillAsync("#comment-displayName", "Grace");
        await page.FillAsync("#comment-text", "Serverless and private: a fine combination.");
        await form.AnswerAsync(_ => true);
        await BrowserWorld.ScreenshotAsync(page, "comment-filled");

        await form.Submit.ClickAsync();
        await form.ReceiptIdAsync();
        await BrowserWorld.ScreenshotAsync(page, "comment-answered");

        await ApproveOnlyPendingCommentOfAsync(pageId);
        await page.ClickAsync("#comments-refresh");
        var listed = page.Locator("#comments-list li");
        await Assertions.Expect(listed).ToHaveCountAsync(1);
        await Assertions.Expect(listed).ToContainTextAsync("Serverless and private: a fine combination.");
        await Assertions.Expect(listed).ToContainTextAsync("Grace");
    }

    [Fact]
    public async Task A_poll_vote_is_cast_by_clicking_and_shows_its_receipt_and_the_results()
    {
        var page = await world.OpenAsync("poll.html");
        var form = new SitePage(page, "poll");
        await form.WaitUntilReadyAsync();
        await page.CheckAsync("#poll-option-serverless");
        await form.AnswerAsync(_ => true);
        await BrowserWorld.ScreenshotAsync(page, "poll-filled");

        await form.Submit.ClickAsync();
        await form.ReceiptIdAsync();
        await page.ClickAsync("#poll-results-refresh");
        await Assertions.Expect(page.Locator("#poll-results-note")).Not.ToBeEmptyAsync();
        await BrowserWorld.ScreenshotAsync(page, "poll-answered");
    }

    [Fact]
    public async Task A_promotion_entry_renders_the_promotions_own_fields_and_labels_and_shows_its_receipt()
    {
        var page = await world.OpenAsync("promotion.html");
        var form = new SitePage(page, "promotion");
        await form.WaitUntilReadyAsync();
        await Assertions.Expect(page.Locator("#promotion-title")).Not.ToHaveTextAsync("Promotion");
        Assert.Equal(["demo-partner-sharing", "promotion-terms"], (await form.LabelIdsAsync()).Order(StringComparer.Ordinal));
        await page.FillAsync("#promotion-email", $"entrant.{Guid.NewGuid():N}@example.test");
        await page.FillAsync("#promotion-name", "Entrant");
        await page.FillAsync("#promotion-field-answer", "Forty-two");
        await form.AnswerAsync(_ => true);
        await BrowserWorld.ScreenshotAsync(page, "promotion-filled");

        await form.Submit.ClickAsync();
        await form.ReceiptIdAsync();
        await BrowserWorld.ScreenshotAsync(page, "promotion-answered");
    }

    [Fact]
    public async Task The_opt_out_page_changes_nothing_when_opened_keeps_the_token_out_of_the_address_bar_and_opts_out_with_one_click()
    {
        var email = $"offers.{Guid.NewGuid():N}@example.test";
        await RegisterWithSpecialOffersAsync(email);

        // Special offers apply only once the owner of the email confirmed; only then has an opt-out something to stop.
        await world.ConfirmFromMailAsync(email);
        var links = world.Host.Services.GetRequiredService<LocalFunctionApp>().Services.GetRequiredService<OptOutLinks>();
        var token = System.Web.HttpUtility.ParseQueryString(links.For(email, OptOutScope.SpecialOffers).Url.Query)["token"];
        var page = await world.OpenAsync($"opt-out.html?token={Uri.EscapeDataString(token!)}");
        await Assertions.Expect(page.Locator("#opt-out-submit")).ToBeEnabledAsync();
        await Assertions.Expect(page.Locator("#opt-out-result")).ToBeHiddenAsync();
        Assert.DoesNotContain("token=", page.Url, StringComparison.Ordinal);
        await BrowserWorld.ScreenshotAsync(page, "opt-out-filled");

        await page.ClickAsync("#opt-out-submit");
        await Assertions.Expect(page.Locator("#opt-out-result")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#opt-out-receipt-id")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{32}$"));
        await BrowserWorld.ScreenshotAsync(page, "opt-out-answered");
    }

    /// <summary>Someone who said yes to special offers (once confirmed, someone an offer mail, and so an opt-out link, goes to).</summary>
    private async Task RegisterWithSpecialOffersAsync(string email)
    {
        var labels = await world.Host.Client.GetFromJsonAsync<JsonObject>("api/consent-labels?form=registration", TestContext.Current.CancellationToken);
        var body = new JsonObject
        {
            ["email"] = email,
            ["displayName"] = "Offers",
            ["consents"] = new JsonArray([.. labels!["labels"]!.AsArray().Select(label => (JsonNode)new JsonObject
            {
                ["labelId"] = label!["labelId"]!.GetValue<string>(),
                ["version"] = label["version"]!.GetValue<int>(),
                ["granted"] = true,
            })]),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/registrations") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await world.Host.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }

    private async Task ApproveOnlyPendingCommentOfAsync(string pageId)
    {
        var client = world.Host.Client;
        client.DefaultRequestHeaders.Remove(FunctionKeys.HeaderName);
        client.DefaultRequestHeaders.Add(FunctionKeys.HeaderName, world.Host.Keys.DefaultKey);
        var pending = await client.GetFromJsonAsync<JsonObject>("api/manage/comments?status=pending&pageSize=100", TestContext.Current.CancellationToken);
        var comment = Assert.Single(pending!["comments"]!.AsArray(), item => item!["pageId"]!.GetValue<string>() == pageId);
        using var approve = await client.PostAsync($"api/manage/comments/{comment!["id"]!.GetValue<string>()}/approve", content: null, TestContext.Current.CancellationToken);
        approve.EnsureSuccessStatusCode();
    }
}
