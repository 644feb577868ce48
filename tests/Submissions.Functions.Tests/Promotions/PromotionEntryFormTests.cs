using Submissions.Functions.Http;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Promotions;

/// <summary>GET promotions/{promotionId}: enough for a site to render the entry form with nothing hard-coded.</summary>
public sealed class PromotionEntryFormTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_promotion_answers_its_window_status_fields_and_the_labels_an_entry_must_answer()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await GetAsync(app, PromotionForms.DemoPromotion);

        Assert.Equal(200, response.Status);
        Assert.Equal("public, max-age=60", response.Headers.CacheControl.ToString());
        var promotion = response.Json;
        Assert.Equal(PromotionForms.DemoPromotion, promotion.GetProperty("promotionId").GetString());
        Assert.Equal("Win a year of Demo Partner's newsletter", promotion.GetProperty("title").GetString());
        Assert.Equal("open", promotion.GetProperty("status").GetString());
        Assert.False(promotion.GetProperty("requiresSharing").GetBoolean());
        var field = Assert.Single(promotion.GetProperty("fields").EnumerateArray());
        Assert.Equal(("answer", true, 200), (field.GetProperty("name").GetString(), field.GetProperty("required").GetBoolean(), field.GetProperty("maxLength").GetInt32()));
        var labels = promotion.GetProperty("labels").EnumerateArray().ToList();
        Assert.Equal(["demo-partner-sharing", "promotion-terms"], labels.Select(label => label.GetProperty("labelId").GetString()));
        Assert.All(labels, label => Assert.False(string.IsNullOrWhiteSpace(label.GetProperty("text").GetString())));
        Assert.True(labels.Single(label => label.GetProperty("labelId").GetString() == "promotion-terms").GetProperty("required").GetBoolean());

        // Where the partner's webhooks go is for admins only.
        Assert.DoesNotContain("webhook", response.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_labels_are_the_ones_the_label_list_gives_for_the_promotion()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var request = HttpExchange.Request("GET", "/api/consent-labels", query: $"?form=promotion&promotionId={PromotionForms.DemoPromotion}");
        var listed = await app.Function<ConsentLabelFunctions>().GetForFormAsync(request, CancellationToken.None).ExecuteAsync(request);

        var promotion = await GetAsync(app, PromotionForms.DemoPromotion);

        Assert.Equal(
            listed.Json.GetProperty("labels").EnumerateArray().Select(label => label.GetRawText()),
            promotion.Json.GetProperty("labels").EnumerateArray().Select(label => label.GetRawText()));
    }

    [Fact]
    public async Task The_status_follows_the_window_entries_are_checked_against()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var now = app.Time.GetUtcNow();
        Assert.Equal(201, (await app.PutPromotionAsync("later-promotion", PromotionForms.Promotion(startsAt: now.AddDays(1), endsAt: now.AddDays(30)))).Status);

        var upcoming = await GetAsync(app, "later-promotion");
        app.Time.Advance(TimeSpan.FromDays(400));
        var ended = await GetAsync(app, PromotionForms.DemoPromotion);

        Assert.Equal("upcoming", upcoming.Json.GetProperty("status").GetString());
        Assert.Equal("ended", ended.Json.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("no-such-promotion")]
    [InlineData("not an id!")]
    public async Task An_unknown_or_malformed_promotion_is_404(string promotionId)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await GetAsync(app, promotionId);

        Assert.Equal(404, response.Status);
        Assert.True(response.IsProblem);
    }

    [Fact]
    public async Task Storage_down_is_503_with_Retry_After()
    {
        await using var app = await TestApp.StartAsync(azurite.RefusingConnectionString(), initializeStorage: false);

        var response = await GetAsync(app, PromotionForms.DemoPromotion);

        Assert.Equal(503, response.Status);
        Assert.Equal("The promotion service is temporarily unavailable.", response.Json.GetProperty("title").GetString());
        Assert.Equal("5", response.Headers.RetryAfter.ToString());
    }

    private static async Task<TestResponse> GetAsync(TestApp app, string promotionId)
    {
        var request = HttpExchange.Request("GET", $"/api/promotions/{promotionId}");
        return await app.Function<PromotionFunctions>().GetAsync(request, promotionId, CancellationToken.None).ExecuteAsync(request);
    }
}
