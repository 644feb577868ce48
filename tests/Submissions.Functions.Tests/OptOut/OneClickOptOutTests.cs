using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.OptOut;
using Submissions.Domain.OptOut;
using Submissions.Functions.Http;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Ledger;

namespace Submissions.Functions.Tests.OptOut;

/// <summary>POST /api/opt-out?token=: RFC 8058 one-click opt-out, by the link alone, no login.</summary>
public sealed class OneClickOptOutTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_one_click_post_withdraws_special_offers_once_and_repeating_it_is_harmless()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        await app.PostAsync(RegistrationForms.Body(email, consents: RegistrationForms.Consents(offers: true, demographics: true)));
        var link = app.Services.GetRequiredService<OptOutLinks>().For(email, OptOutScope.SpecialOffers);

        var first = await PostAsync(app, link.Url.Query);
        var second = await PostAsync(app, link.Url.Query);

        Assert.Equal(200, first.Status);
        Assert.Equal("special-offers", Assert.Single(first.Json.GetProperty("withdrawn").EnumerateArray()).GetProperty("labelId").GetString());
        Assert.Equal(200, second.Status);
        Assert.Empty(second.Json.GetProperty("withdrawn").EnumerateArray());
        var ledger = (await app.RowsOfAsync(email)).Where(row => row.RowKey.StartsWith(LedgerRowKeys.ConsentPrefix, StringComparison.Ordinal)).ToList();
        var optOut = Assert.Single(ledger, row => row.GetString(nameof(ConsentRecordEntity.Form)) == "opt-out");
        Assert.Equal("special-offers", optOut.GetString(nameof(ConsentRecordEntity.LabelId)));
        Assert.False(optOut.GetBoolean(nameof(ConsentRecordEntity.Granted)));

        // The scope is the token's: demographics, also granted, is untouched.
        Assert.Single(ledger, row => row.GetString(nameof(ConsentRecordEntity.LabelId)) == "demographics");
    }

    [Fact]
    public async Task A_partner_link_withdraws_only_that_sharing_stops_the_owed_delivery_and_tells_the_partner_what_it_had()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        var person = await app.CreatePersonWithEverythingAsync(receiver.Url);
        var link = app.Services.GetRequiredService<OptOutLinks>().For(person.Email, OptOutScope.Partner("demo-partner"));

        var response = await PostAsync(app, link.Url.Query);

        Assert.Equal(200, response.Status);
        Assert.Equal("demo-partner-sharing", Assert.Single(response.Json.GetProperty("withdrawn").EnumerateArray()).GetProperty("labelId").GetString());
        var notice = Assert.Single(await app.Tables.Notices.RowsAsync());
        Assert.Equal("consent.withdrawn", notice.GetString("Type"));
        Assert.Equal(Assert.Single(receiver.Received).WebhookId, notice.GetString("DeliveryIds"));
        var bundle = (await app.AccessAsync(person.Email)).Json;
        Assert.Contains(bundle.GetProperty("consents").EnumerateArray(), consent => consent.GetProperty("labelId").GetString() == "special-offers" && consent.GetProperty("granted").GetBoolean());
    }

    [Fact]
    public async Task The_rfc_8058_body_is_accepted_and_a_browser_gets_a_page()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        await app.PostAsync(RegistrationForms.Body(email, consents: RegistrationForms.Consents(offers: true)));
        var link = app.Services.GetRequiredService<OptOutLinks>().For(email, OptOutScope.SpecialOffers);

        var response = await PostAsync(app, link.Url.Query, OptOutLink.OneClick, "application/x-www-form-urlencoded", new Dictionary<string, string> { ["Accept"] = "text/html" });

        Assert.Equal(200, response.Status);
        Assert.Equal("text/html; charset=utf-8", response.ContentType);
        Assert.Contains("You have opted out", response.Body, StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers["Referrer-Policy"].ToString());
    }

    [Fact]
    public async Task A_tampered_or_foreign_token_withdraws_nothing()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        await app.PostAsync(RegistrationForms.Body(email, consents: RegistrationForms.Consents(offers: true)));
        var token = app.Services.GetRequiredService<OptOutTokenSigner>().Issue(app.SubjectOf(email), OptOutScope.SpecialOffers, app.Time.GetUtcNow());
        var tampered = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];
        var foreign = new OptOutTokenSigner("another-pepper-0123456789abcdef0123456789"u8.ToArray()).Issue(app.SubjectOf(email), OptOutScope.SpecialOffers, app.Time.GetUtcNow());
        var rowsBefore = (await app.RowsOfAsync(email)).Count;

        var responses = new[] { await PostAsync(app, $"?token={tampered}"), await PostAsync(app, $"?token={foreign}"), await PostAsync(app, string.Empty) };

        Assert.All(responses, response =>
        {
            Assert.Equal(400, response.Status);
            Assert.True(response.IsProblem);
            Assert.DoesNotContain(app.SubjectOf(email).Value, response.Body, StringComparison.Ordinal);
        });
        Assert.Equal(rowsBefore, (await app.RowsOfAsync(email)).Count);
    }

    private static async Task<TestResponse> PostAsync(TestApp app, string query, string? body = null, string? contentType = null, IDictionary<string, string>? headers = null)
    {
        var request = HttpExchange.Request("POST", "/api/opt-out", body, contentType, query, headers);
        return await app.Function<OptOutFunctions>().OptOutAsync(request, TestContext.Current.CancellationToken).ExecuteAsync(request);
    }
}
