using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Promotions;

public sealed class PartnerAndPromotionAdminTests(AzuriteFixture azurite)
{
    private static object Partner(string url = "https://partner.example/hook", string? signingSecret = null) =>
        new { name = "Partner Ltd", webhookUrl = url, fields = new[] { "email", "name" }, active = true, signingSecret };

    [Fact]
    public async Task A_partner_is_created_then_updated()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var created = await app.PutPartnerAsync("new-partner", Partner());
        var updated = await app.PutPartnerAsync("new-partner", Partner("https://partner.example/v2"));

        Assert.Equal(201, created.Status);
        Assert.Equal(200, updated.Status);
        Assert.Equal("https://partner.example/v2", updated.Json.GetProperty("webhookUrl").GetString());
        Assert.Equal(["email", "name"], updated.Json.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task A_signing_secret_is_never_accepted_from_a_request()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await app.PutPartnerAsync("new-partner", Partner(signingSecret: "whsec_c2VjcmV0"));

        Assert.Equal(["signingSecret"], response.ErrorFields);
        Assert.DoesNotContain("whsec_", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development", "http://127.0.0.1:5089/hook", 201)]
    [InlineData("Production", "http://partner.example/hook", 400)]
    [InlineData("Production", "https://user:pass@partner.example/hook", 400)]
    [InlineData("Production", "ftp://partner.example/hook", 400)]
    [InlineData("Production", "https://partner.example/hook", 201)]
    public async Task Webhook_URLs_must_be_https_outside_Development(string environment, string url, int status)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, environment: environment);

        Assert.Equal(status, (await app.PutPartnerAsync("url-partner", Partner(url))).Status);
    }

    [Fact]
    public async Task A_promotion_must_name_a_known_partner_and_its_own_sharing_labels()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var unknownPartner = await app.PutPromotionAsync("p-one", PromotionForms.Promotion(partner: "nobody"));
        var notSharing = await app.PutPromotionAsync("p-two", PromotionForms.Promotion(sharingLabel: "promotion-terms"));
        var requiredMismatch = await app.PutPromotionAsync("p-three", PromotionForms.Promotion(requiresSharing: true));
        var badDates = await app.PutPromotionAsync("p-four", PromotionForms.Promotion(startsAt: DateTimeOffset.UtcNow, endsAt: DateTimeOffset.UtcNow.AddDays(-1)));
        var ok = await app.PutPromotionAsync("p-five", PromotionForms.Promotion());

        Assert.Contains("partner", unknownPartner.ErrorFields);
        Assert.Equal(["sharingLabels[0]"], notSharing.ErrorFields);
        Assert.Equal(["sharingLabels[0]"], requiredMismatch.ErrorFields);
        Assert.Equal(["endsAt"], badDates.ErrorFields);
        Assert.Equal(201, ok.Status);
        Assert.Equal(200, (await app.PutPromotionAsync("p-five", PromotionForms.Promotion())).Status);
    }
}
