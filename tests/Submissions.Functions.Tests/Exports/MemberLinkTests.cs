using Microsoft.Extensions.DependencyInjection;
using Submissions.Domain.OptOut;
using Submissions.Functions.Http;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Functions.Tests.Preferences;

namespace Submissions.Functions.Tests.Exports;

/// <summary>
/// Issue 19, opt-out links for external mailers: the registrations export carries each member's signed one-click
/// opt-out and preference links, and POST manage/subjects/links gives them for one person; both links work.
/// </summary>
public sealed class MemberLinkTests(AzuriteFixture azurite)
{
    private const string OptOutBase = "https://submissions.example.test/api/opt-out?token=";

    [Theory]
    [InlineData("ndjson")]
    [InlineData("csv")]
    public async Task The_registrations_export_carries_each_member_s_working_opt_out_and_preference_links(string format)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        await app.PostAsync(RegistrationForms.Body(email, consents: RegistrationForms.Consents(offers: true)));

        var member = Assert.Single((await app.ExportAsync("registrations", format)).Rows(format));
        Assert.Equal("granted", member["consent.special-offers"]);
        AssertOptOutFor(app, email, member["optOutUrl"]);
        Assert.Equal(200, (await app.ShowPreferencesAsync(new Uri(member["preferencesUrl"]).Query)).Status);

        // The mail service's one-click POST withdraws the offers consent.
        Assert.Equal(200, (await OneClickAsync(app, new Uri(member["optOutUrl"]).Query)).Status);
        Assert.Equal("withdrawn", Assert.Single((await app.ExportAsync("registrations", format)).Rows(format))["consent.special-offers"]);
    }

    [Fact]
    public async Task The_links_of_one_person_are_given_audited_and_work()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        await app.PostAsync(RegistrationForms.Body(email, consents: RegistrationForms.Consents(offers: true)));

        var request = HttpExchange.PostJson("/api/manage/subjects/links", new { email });
        var links = await app.Function<SubjectAdminFunctions>().LinksAsync(request, TestContext.Current.CancellationToken).ExecuteAsync(request);

        Assert.Equal(200, links.Status);
        Assert.Equal("no-store", links.Headers.CacheControl.ToString());
        var optOut = links.Json.GetProperty("optOutUrl").GetString()!;
        AssertOptOutFor(app, email, optOut);
        Assert.Equal(($"<{optOut}>", "List-Unsubscribe=One-Click"), (links.Json.GetProperty("listUnsubscribe").GetString(), links.Json.GetProperty("listUnsubscribePost").GetString()));
        Assert.Equal(app.Time.GetUtcNow().AddDays(30).Date, links.Json.GetProperty("preferencesExpireAt").GetDateTimeOffset().Date);
        Assert.Equal(200, (await app.ShowPreferencesAsync(new Uri(links.Json.GetProperty("preferencesUrl").GetString()!).Query)).Status);
        Assert.Single(await app.Tables.Audit.RowsAsync(), row => row.GetString("Action") == "subject-links");
        Assert.DoesNotContain(email, links.Body, StringComparison.OrdinalIgnoreCase);

        var invalid = HttpExchange.PostJson("/api/manage/subjects/links", new { email = "not an email" });
        Assert.Equal(400, (await app.Function<SubjectAdminFunctions>().LinksAsync(invalid, TestContext.Current.CancellationToken).ExecuteAsync(invalid)).Status);
    }

    private static void AssertOptOutFor(TestApp app, string email, string url)
    {
        Assert.StartsWith(OptOutBase, url, StringComparison.Ordinal);
        var token = Uri.UnescapeDataString(url[OptOutBase.Length..]);
        Assert.True(app.Services.GetRequiredService<OptOutTokenSigner>().TryVerify(token, app.Time.GetUtcNow(), out var claim));
        Assert.Equal((app.SubjectOf(email), OptOutScope.SpecialOffers), (claim.Subject, claim.Scope));
    }

    private static async Task<TestResponse> OneClickAsync(TestApp app, string query)
    {
        var request = HttpExchange.Request("POST", "/api/opt-out", "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded", query);
        return await app.Function<OptOutFunctions>().OptOutAsync(request, TestContext.Current.CancellationToken).ExecuteAsync(request);
    }
}
