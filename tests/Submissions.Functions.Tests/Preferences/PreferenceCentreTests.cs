using System.Net;
using Submissions.Functions.Tests.Exports;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Ledger;

namespace Submissions.Functions.Tests.Preferences;

/// <summary>
/// GET and POST /api/preferences?token=: a person's answers with their exact texts, withdrawn through the same code as
/// admin withdrawals and opt-outs (partners told), optional registration labels granted as confirmed.
/// </summary>
public sealed class PreferenceCentreTests(AzuriteFixture azurite)
{
    private const string OffersText = "Email me special offers from this site. Every email has a one-click link to stop them.";
    private const string SharingText = "Share my email address and name with Demo Partner Ltd so they can send me this offer. I can still enter if I say no.";

    [Fact]
    public async Task The_page_lists_each_answer_with_its_exact_text_and_time_and_changes_nothing()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        await app.PostAsync(RegistrationForms.Body(email, consents: RegistrationForms.Consents(offers: true)));
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true));
        var query = app.PreferencesQuery(email);
        var before = await app.SnapshotAsync();

        var page = await app.ShowPreferencesAsync(query);

        Assert.Equal(before, await app.SnapshotAsync());
        Assert.Equal(200, page.Status);
        Assert.Equal("text/html; charset=utf-8", page.ContentType);
        Assert.Equal("no-store", page.Headers.CacheControl.ToString());
        Assert.Equal("no-referrer", page.Headers["Referrer-Policy"].ToString());
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'", page.Headers.ContentSecurityPolicy.ToString());
        foreach (var text in new[] { "I agree to the Terms of Use and have read the Privacy Policy.", OffersText, "I accept the promotion rules. My email is used to tell me if I win.", SharingText })
        {
            Assert.Contains(WebUtility.HtmlEncode(text), page.Body, StringComparison.Ordinal);
        }

        Assert.Contains("Given on 24 November 2026 at 12:00 UTC, confirmed from your mailbox.", page.Body, StringComparison.Ordinal);
        Assert.Contains("Declined on 24 November 2026 at 12:00 UTC, confirmed from your mailbox.", page.Body, StringComparison.Ordinal);
        Assert.Contains($"<form method=\"post\" action=\"{WebUtility.HtmlEncode(query)}\">", page.Body, StringComparison.Ordinal);
        Assert.Contains("name=\"granted\" value=\"special-offers\" checked><input type=\"hidden\" name=\"shown\" value=\"special-offers\">", page.Body, StringComparison.Ordinal);
        Assert.Contains("name=\"granted\" value=\"demographics\"><input type=\"hidden\" name=\"shown\" value=\"demographics\">", page.Body, StringComparison.Ordinal);
        Assert.Contains("name=\"granted\" value=\"demo-partner-sharing\" checked><input type=\"hidden\" name=\"shown\" value=\"demo-partner-sharing\">", page.Body, StringComparison.Ordinal);
        Assert.Contains("name=\"granted\" value=\"terms\" checked disabled>", page.Body, StringComparison.Ordinal);
        Assert.Contains("/api/privacy-requests", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", page.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(email, page.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(app.SubjectOf(email).Value, page.Body, StringComparison.Ordinal);
        AssertLogsHoldNothingOf(app, email, query);
    }

    [Fact]
    public async Task An_unknown_or_erased_person_gets_the_same_answer_as_a_known_one_with_no_choices_in_it()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var (known, erased, unknown) = (RegistrationForms.NewEmail(), RegistrationForms.NewEmail(), RegistrationForms.NewEmail());
        await app.PostAsync(RegistrationForms.Body(known));
        await app.PostAsync(RegistrationForms.Body(erased, consents: RegistrationForms.Consents(offers: true)));
        Assert.Equal(200, (await app.EraseAsync(erased)).Status);

        var pages = new[] { known, erased, unknown }.Select(email => app.ShowPreferencesAsync(app.PreferencesQuery(email))).ToList();
        var (knownPage, erasedPage, unknownPage) = (await pages[0], await pages[1], await pages[2]);

        Assert.All(new[] { knownPage, erasedPage, unknownPage }, page =>
        {
            Assert.Equal(200, page.Status);
            Assert.Equal(
                string.Join('\n', knownPage.Headers.OrderBy(header => header.Key, StringComparer.Ordinal).Select(header => $"{header.Key}: {header.Value}")),
                string.Join('\n', page.Headers.OrderBy(header => header.Key, StringComparer.Ordinal).Select(header => $"{header.Key}: {header.Value}")));
        });
        Assert.Contains("We hold no choices for this email address.", erasedPage.Body, StringComparison.Ordinal);
        Assert.Equal(erasedPage.Body, unknownPage.Body);
        Assert.DoesNotContain("We hold no choices", knownPage.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(OffersText, erasedPage.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdrawing_sharing_after_a_delivery_owes_the_partner_a_withdrawal_notice_once()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var email = RegistrationForms.NewEmail();
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true));
        Assert.Equal(1, await app.DeliverAllAsync());
        var lead = Assert.Single(receiver.Received);
        var query = app.PreferencesQuery(email);

        var response = await app.ChangePreferencesAsync(query, new Dictionary<string, bool> { ["demo-partner-sharing"] = false });
        var repeated = await app.ChangePreferencesAsync(query, new Dictionary<string, bool> { ["demo-partner-sharing"] = false });

        Assert.Equal(200, response.Status);
        Assert.Equal("updated", response.Json.GetProperty("status").GetString());
        Assert.Equal(["demo-partner-sharing"], response.Json.GetProperty("withdrawn").EnumerateArray().Select(id => id.GetString()));
        var sharing = response.Json.GetProperty("labels").EnumerateArray().Single(label => label.GetProperty("labelId").GetString() == "demo-partner-sharing");
        Assert.Equal(("withdrawn", SharingText), (sharing.GetProperty("state").GetString(), sharing.GetProperty("text").GetString()));
        Assert.False(sharing.GetProperty("canGrant").GetBoolean());
        Assert.Equal("unchanged", repeated.Json.GetProperty("status").GetString());
        var withdrawal = Assert.Single(await app.OwnLedgerAsync(email));
        Assert.Equal(("preference-centre", false), (withdrawal.GetString(nameof(ConsentRecordEntity.Form)), withdrawal.GetBoolean(nameof(ConsentRecordEntity.Granted))));

        Assert.Equal(1, await app.DeliverAllNoticesAsync());
        var notice = Assert.Single(await app.Tables.Notices.RowsAsync());
        Assert.Equal(("consent.withdrawn", lead.WebhookId), (notice.GetString("Type"), notice.GetString("DeliveryIds")));
        Assert.Equal(2, receiver.Received.Count);
        Assert.Contains("consent.withdrawn", System.Text.Encoding.UTF8.GetString(receiver.Received.Last().Body), StringComparison.Ordinal);
        AssertLogsHoldNothingOf(app, email, query);
    }

    [Fact]
    public async Task Unticking_sharing_on_the_page_stops_an_owed_delivery()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var email = RegistrationForms.NewEmail();
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true));

        var page = await app.PostPreferenceFormAsync(app.PreferencesQuery(email), shown: ["demo-partner-sharing"], ticked: []);
        await app.DeliverAllAsync();

        Assert.Equal(200, page.Status);
        Assert.Equal("text/html; charset=utf-8", page.ContentType);
        Assert.Contains("Saved: 1 withdrawn, 0 given.", page.Body, StringComparison.Ordinal);
        Assert.Contains("name=\"granted\" value=\"demo-partner-sharing\" disabled>", page.Body, StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
        Assert.Empty(await app.Tables.Notices.RowsAsync());
    }

    [Fact]
    public async Task Granting_special_offers_on_the_page_puts_the_member_in_the_offer_audience_as_confirmed()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        await app.PostAsync(RegistrationForms.Body(email, consents: RegistrationForms.Consents(offers: false)));
        var query = app.PreferencesQuery(email);
        app.Time.Advance(TimeSpan.FromHours(2));

        var page = await app.PostPreferenceFormAsync(query, shown: ["special-offers", "demographics"], ticked: ["special-offers"]);
        var repeated = await app.PostPreferenceFormAsync(query, shown: ["special-offers", "demographics"], ticked: ["special-offers"]);

        Assert.Equal(200, page.Status);
        Assert.Contains("Saved: 0 withdrawn, 1 given.", page.Body, StringComparison.Ordinal);
        Assert.Contains("Nothing needed changing", repeated.Body, StringComparison.Ordinal);
        var row = (await app.ExportAsync("registrations", "csv")).Rows("csv").Single(row => row["email"] == email);
        Assert.Equal(("granted", "granted", "declined"), (row["consent.terms"], row["consent.special-offers"], row["consent.demographics"]));
        var grant = Assert.Single(await app.OwnLedgerAsync(email), record => record.GetString(nameof(ConsentRecordEntity.Form)) == "preference-centre-grant");
        Assert.Equal(("special-offers", true, "preference-centre"), (
            grant.GetString(nameof(ConsentRecordEntity.LabelId)), grant.GetBoolean(nameof(ConsentRecordEntity.Granted)), grant.GetString(nameof(ConsentRecordEntity.ConfirmationMethod))));
        Assert.Equal(grant.GetDateTimeOffset(nameof(ConsentRecordEntity.RecordedAt)), grant.GetDateTimeOffset(nameof(ConsentRecordEntity.ConfirmedAt)));
        Assert.InRange(grant.GetDateTimeOffset(nameof(ConsentRecordEntity.ConfirmedAt))!.Value, app.Time.GetUtcNow().AddMinutes(-1), app.Time.GetUtcNow());
        Assert.Single(await app.RowsOfAsync(email), receipt => receipt.RowKey == LedgerRowKeys.Receipt(grant.GetString(nameof(ConsentRecordEntity.ReceiptId))!));
        Assert.Contains("Given on 24 November 2026 at 14:00 UTC, confirmed from your mailbox.", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_cannot_be_changed_here_is_refused_and_nothing_changes()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var (member, entrant) = (RegistrationForms.NewEmail(), RegistrationForms.NewEmail());
        await app.PostAsync(RegistrationForms.Body(member, consents: RegistrationForms.Consents(offers: true)));
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(entrant, share: false));
        var before = await app.SnapshotAsync();

        var terms = await app.ChangePreferencesAsync(app.PreferencesQuery(member), new Dictionary<string, bool> { ["special-offers"] = false, ["terms"] = false });
        var sharing = await app.ChangePreferencesAsync(app.PreferencesQuery(entrant), new Dictionary<string, bool> { ["demo-partner-sharing"] = true });
        var offers = await app.ChangePreferencesAsync(app.PreferencesQuery(entrant), new Dictionary<string, bool> { ["special-offers"] = true });
        var page = await app.PostPreferenceFormAsync(app.PreferencesQuery(entrant), shown: [], ticked: ["demo-partner-sharing"]);

        Assert.Equal((400, "labels.terms"), (terms.Status, Assert.Single(terms.ErrorFields)));
        Assert.Equal((400, "labels.demo-partner-sharing"), (sharing.Status, Assert.Single(sharing.ErrorFields)));
        Assert.Equal((400, "labels"), (offers.Status, Assert.Single(offers.ErrorFields)));
        Assert.Equal((400, "labels.demo-partner-sharing"), (page.Status, Assert.Single(page.ErrorFields)));
        Assert.All(new[] { terms, sharing, offers, page }, response => Assert.True(response.IsProblem));
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Fact]
    public async Task Tampered_foreign_and_expired_links_are_refused_and_change_nothing()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        await app.PostAsync(RegistrationForms.Body(email, consents: RegistrationForms.Consents(offers: true)));
        var query = app.PreferencesQuery(email);
        var tampered = query[..^2] + (query[^2] == 'A' ? 'B' : 'A') + query[^1];
        var confirmLink = app.ConfirmQuery(Guid.NewGuid().ToString("N"));
        var expired = app.PreferencesQuery(email, app.Time.GetUtcNow().AddDays(1));
        var before = await app.SnapshotAsync();
        app.Time.Advance(TimeSpan.FromDays(2));
        var offersOff = new Dictionary<string, bool> { ["special-offers"] = false };

        foreach (var bad in new[] { tampered, confirmLink, string.Empty, query + "&" + query[1..] })
        {
            AssertProblem(await app.ShowPreferencesAsync(bad), 400, "This preference link is not valid.");
            AssertProblem(await app.ChangePreferencesAsync(bad, offersOff), 400, "This preference link is not valid.");
        }

        AssertProblem(await app.ShowPreferencesAsync(expired), 410, "This preference link is no longer valid.");
        AssertProblem(await app.ChangePreferencesAsync(expired, offersOff), 410, "This preference link is no longer valid.");
        Assert.Equal(before, await app.SnapshotAsync());
        AssertLogsHoldNothingOf(app, email, query);
    }

    private static void AssertProblem(TestResponse response, int status, string title)
    {
        Assert.Equal(status, response.Status);
        Assert.True(response.IsProblem);
        Assert.Equal(title, response.Json.GetProperty("title").GetString());
        Assert.Equal("no-referrer", response.Headers["Referrer-Policy"].ToString());
        Assert.Equal("noindex", response.Headers["X-Robots-Tag"].ToString());
    }

    /// <summary>
    /// No log record holds the email or the token, and the app's own records not the subject key either (the storage
    /// SDK's trace of a request names the table row it reads, as for every other request).
    /// </summary>
    private static void AssertLogsHoldNothingOf(TestApp app, string email, string query)
    {
        var token = Uri.UnescapeDataString(query["?token=".Length..]);
        var records = app.Logs.GetSnapshot();
        Assert.Contains(records, record => record.Category?.StartsWith("Submissions.Application.Preferences", StringComparison.Ordinal) == true);
        foreach (var record in records)
        {
            var text = TestApp.LogText(record);
            Assert.DoesNotContain(email, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(token[..16], text, StringComparison.Ordinal);
            if (record.Category?.StartsWith("Submissions.", StringComparison.Ordinal) == true)
            {
                Assert.DoesNotContain(app.SubjectOf(email).Value, text, StringComparison.Ordinal);
            }
        }
    }
}
