using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Submissions.LocalHost.Http;

namespace Submissions.Site.Tests.Browser;

[Collection(BrowserTestGroup.Name)]
public sealed class DoubleSubmitTests(BrowserWorld world)
{
    [Fact]
    public async Task A_double_click_on_send_stores_one_comment()
    {
        var pageId = "browser-double-" + Guid.NewGuid().ToString("N")[..10];
        var page = await world.OpenAsync($"comment.html?page={pageId}");
        var posts = 0;
        page.Request += (_, request) => posts += request.Method == "POST" && request.Url.EndsWith("/api/comments", StringComparison.Ordinal) ? 1 : 0;
        var form = new SitePage(page, "comment");
        await form.WaitUntilReadyAsync();
        await page.FillAsync("#comment-displayName", "Grace");
        await page.FillAsync("#comment-text", "Said once, clicked twice.");
        await form.AnswerAsync(_ => true);

        await form.Submit.DblClickAsync();
        await form.ReceiptIdAsync();

        Assert.Equal(1, posts);
        using var client = new HttpClient { BaseAddress = world.Host.Client.BaseAddress };
        client.DefaultRequestHeaders.Add(FunctionKeys.HeaderName, world.Host.Keys.DefaultKey);
        var pending = await client.GetFromJsonAsync<JsonObject>("api/manage/comments?status=pending&pageSize=100", TestContext.Current.CancellationToken);
        Assert.Single(pending!["comments"]!.AsArray(), item => item!["pageId"]!.GetValue<string>() == pageId);
    }
}
