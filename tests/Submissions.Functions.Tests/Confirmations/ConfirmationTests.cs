using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Functions.Http;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Functions.Tests.Retention;
using Submissions.Functions.Timers;
using Submissions.Storage.Confirmations;
using Submissions.Storage.Promotions;
using Submissions.Storage.Subjects;

namespace Submissions.Functions.Tests.Confirmations;

/// <summary>
/// Issue 17: a consent that lets data leave or mail be sent takes effect only when the owner of the email confirms.
/// Against Azurite; the confirm link is made by the app's own signer (the mail tests follow the real mail's link).
/// </summary>
public sealed class ConfirmationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_unconfirmed_shared_entry_owes_no_delivery_and_is_no_entry_until_confirmed_then_one_lead_carries_confirmedAt()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var email = RegistrationForms.NewEmail();

        var response = await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true), confirm: false);

        Assert.Equal(201, response.Status);
        Assert.Equal("awaiting-confirmation", response.Json.GetProperty("status").GetString());
        var rows = await PromotionRowsAsync(app);
        Assert.DoesNotContain(rows, row => row.RowKey.StartsWith("entry~", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, row => row.RowKey.StartsWith("delivery~", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, row => row.RowKey.StartsWith("consent~", StringComparison.Ordinal));
        var pending = Assert.Single(rows, row => row.RowKey.StartsWith("pending~", StringComparison.Ordinal));
        Assert.Equal(0, await app.DeliverAllAsync());

        var confirmed = await app.ConfirmAsync(pending.GetString("ConfirmationId")!);

        Assert.Equal(200, confirmed.Status);
        Assert.Equal("confirmed", confirmed.Json.GetProperty("status").GetString());
        rows = await PromotionRowsAsync(app);
        Assert.DoesNotContain(rows, row => row.RowKey.StartsWith("pending~", StringComparison.Ordinal));
        var entry = Assert.Single(rows, row => row.RowKey.StartsWith("entry~", StringComparison.Ordinal));
        Assert.NotNull(entry.GetDateTimeOffset("ConfirmedAt"));
        var record = Assert.Single(rows, row => row.RowKey.StartsWith("confirmation~", StringComparison.Ordinal));
        Assert.Equal("email-link", record.GetString("Method"));
        Assert.All(rows.Where(row => row.RowKey.StartsWith("consent~", StringComparison.Ordinal)), row => Assert.Equal("email-link", row.GetString("ConfirmationMethod")));

        Assert.Equal(1, await app.DeliverAllAsync());
        var webhook = Assert.Single(receiver.Received);
        using var lead = JsonDocument.Parse(webhook.Body);
        Assert.Equal(entry.GetDateTimeOffset("ConfirmedAt"), lead.RootElement.GetProperty("confirmedAt").GetDateTimeOffset());
        var consent = Assert.Single(lead.RootElement.GetProperty("consents").EnumerateArray());
        Assert.Contains(consent.GetProperty("textSha256").GetString()!, pending.GetString("AnswersJson")!, StringComparison.Ordinal);
        Assert.Equal(64, consent.GetProperty("textSha256").GetString()!.Length);

        // The button pressed again changes nothing and sends nothing.
        var again = await app.ConfirmAsync(pending.GetString("ConfirmationId")!);
        Assert.Equal(200, again.Status);
        Assert.Equal("already-confirmed", again.Json.GetProperty("status").GetString());
        Assert.Equal(0, await app.DeliverAllAsync());
    }

    [Fact]
    public async Task An_unconfirmed_registration_is_no_member_and_in_no_offer_audience_until_confirmed()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();

        var response = await app.PostAsync(RegistrationForms.Body(email, consents: RegistrationForms.Consents(offers: true)), confirm: false);

        Assert.Equal(201, response.Status);
        var rows = await app.RowsOfAsync(email);
        Assert.DoesNotContain(rows, row => row.RowKey == "member");
        Assert.DoesNotContain(rows, row => row.RowKey.StartsWith("consent~", StringComparison.Ordinal));
        var pending = Assert.Single(rows, row => row.RowKey.StartsWith("pending~", StringComparison.Ordinal));
        Assert.DoesNotContain(email, await ExportRegistrationsAsync(app), StringComparison.OrdinalIgnoreCase);

        Assert.Equal(200, (await app.ConfirmAsync(pending.GetString("ConfirmationId")!)).Status);

        rows = await app.RowsOfAsync(email);
        var member = Assert.Single(rows, row => row.RowKey == "member");
        Assert.Equal(response.Json.GetProperty("id").GetString(), member.GetString("MemberId"));
        var offers = Assert.Single(rows, row => row.RowKey.Contains("~special-offers~", StringComparison.Ordinal));
        Assert.True(offers.GetBoolean("Granted"));
        Assert.NotNull(offers.GetDateTimeOffset("ConfirmedAt"));
        Assert.Contains(email, await ExportRegistrationsAsync(app), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Re_registering_a_known_email_changes_nothing_until_confirmed_and_costs_what_a_new_one_costs()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var known = RegistrationForms.NewEmail();
        Assert.Equal(201, (await app.PostAsync(RegistrationForms.Body(known, "Real Owner", consents: RegistrationForms.Consents(offers: true)))).Status);
        var before = Assert.Single(await app.RowsOfAsync(known), row => row.RowKey == "member");

        var unknownTrips = await RoundTripsAsync(app, () => app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail(), "Stranger"), confirm: false));
        var knownTrips = await RoundTripsAsync(app, () => app.PostAsync(RegistrationForms.Body(known, "Stranger", consents: RegistrationForms.Consents(offers: false)), confirm: false));

        Assert.Equal(unknownTrips, knownTrips);
        var rows = await app.RowsOfAsync(known);
        var after = Assert.Single(rows, row => row.RowKey == "member");
        Assert.Equal("Real Owner", after.GetString("DisplayName"));
        Assert.Equal(before.ETag, after.ETag);
        var offers = rows.Where(row => row.RowKey.Contains("~special-offers~", StringComparison.Ordinal)).ToList();
        Assert.True(Assert.Single(offers).GetBoolean("Granted"));
    }

    [Fact]
    public async Task Someone_else_s_unconfirmed_entry_does_not_block_the_owner_whose_confirmed_entry_is_the_one_that_counts()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        var stranger = await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true, name: "Not The Owner"), confirm: false);
        var owner = await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: false, name: "The Owner"), confirm: false);

        Assert.Equal(201, stranger.Status);
        Assert.Equal(201, owner.Status);
        var ownerPending = await app.PendingRowAsync(app.Tables.Promotions, PromotionForms.DemoPromotion, owner.Json.GetProperty("id").GetString()!);
        Assert.Equal(200, (await app.ConfirmAsync(ownerPending!.GetString("ConfirmationId")!)).Status);

        var entry = Assert.Single(await PromotionRowsAsync(app), row => row.RowKey.StartsWith("entry~", StringComparison.Ordinal));
        Assert.Equal("The Owner", entry.GetString("Name"));
        Assert.False(entry.GetBoolean("SharingGranted"));
        Assert.Equal(0, await app.DeliverAllAsync());

        // The stranger's entry, confirmed after all (the owner clicked the other mail too), cannot replace the owner's.
        var strangerPending = await app.PendingRowAsync(app.Tables.Promotions, PromotionForms.DemoPromotion, stranger.Json.GetProperty("id").GetString()!);
        var late = await app.ConfirmAsync(strangerPending!.GetString("ConfirmationId")!);
        Assert.Equal("already-entered", late.Json.GetProperty("status").GetString());
        Assert.Equal("The Owner", Assert.Single(await PromotionRowsAsync(app), row => row.RowKey.StartsWith("entry~", StringComparison.Ordinal)).GetString("Name"));
        Assert.DoesNotContain(await PromotionRowsAsync(app), row => row.RowKey.StartsWith("delivery~", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Entering_twice_answers_the_same_whether_or_not_the_email_has_entered()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var entered = RegistrationForms.NewEmail();
        Assert.Equal(201, (await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(entered, share: false))).Status);

        var fresh = await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: false), confirm: false);
        var again = await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(entered, share: false), confirm: false);

        Assert.Equal(fresh.Status, again.Status);
        Assert.Equal(JsonShape(fresh.Json), JsonShape(again.Json));
    }

    [Fact]
    public async Task The_link_s_page_changes_nothing_and_touches_no_storage_and_a_bad_or_expired_link_is_refused()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        var response = await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true), confirm: false);
        var pending = await app.PendingRowAsync(app.Tables.Promotions, PromotionForms.DemoPromotion, response.Json.GetProperty("id").GetString()!);
        var id = pending!.GetString("ConfirmationId")!;

        var before = app.Requests.Count;
        var page = await GetAsync(app, app.ConfirmQuery(id));
        Assert.Equal(200, page.Status);
        Assert.StartsWith("text/html", page.ContentType, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\"", page.Body, StringComparison.Ordinal);
        Assert.Equal("no-store", page.Headers.CacheControl.ToString());
        Assert.Equal(before, app.Requests.Count);
        Assert.NotNull(await app.PendingRowAsync(app.Tables.Promotions, PromotionForms.DemoPromotion, response.Json.GetProperty("id").GetString()!));

        var tampered = app.ConfirmQuery(id).Replace("token=A", "token=B", StringComparison.Ordinal).Replace("token=", "token=x", StringComparison.Ordinal);
        Assert.Equal(400, (await GetAsync(app, tampered)).Status);
        var expired = await app.ConfirmAsync(id, app.Time.GetUtcNow().AddMinutes(-1));
        Assert.Equal(410, expired.Status);
        Assert.Equal("urn:submissions:problem:link-expired", expired.Json.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Unconfirmed_submissions_expire_after_seven_days_and_the_purge_reports_them()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        var entry = await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true), confirm: false);
        var registration = await app.PostAsync(RegistrationForms.Body(email), confirm: false);
        var pending = await app.PendingRowAsync(app.Tables.Promotions, PromotionForms.DemoPromotion, entry.Json.GetProperty("id").GetString()!);

        app.Time.Advance(TimeSpan.FromDays(6));
        await app.Function<RetentionPurgeFunction>().PurgeAsync(null!, TestContext.Current.CancellationToken);
        Assert.NotNull(await app.PendingRowAsync(app.Tables.Promotions, PromotionForms.DemoPromotion, entry.Json.GetProperty("id").GetString()!));

        app.Time.Advance(TimeSpan.FromDays(1.1));
        await app.Function<RetentionPurgeFunction>().PurgeAsync(null!, TestContext.Current.CancellationToken);

        Assert.Null(await app.PendingRowAsync(app.Tables.Promotions, PromotionForms.DemoPromotion, entry.Json.GetProperty("id").GetString()!));
        Assert.Null(await app.PendingRowAsync(app.Tables.Subjects, app.SubjectOf(email).Value, registration.Json.GetProperty("id").GetString()!));
        Assert.DoesNotContain(await app.RowsOfAsync(email), row => row.RowKey.StartsWith("receipt~", StringComparison.Ordinal));
        Assert.Empty(await app.Tables.Confirmations.RowsAsync());
        var reports = await RetentionData.RowsAsync(app.Tables.PurgeReports, app.Time.GetUtcNow().ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(reports, row => row.GetString("Kind") == "unconfirmed-submissions" && row.GetInt32("Count") == 2);
        Assert.Equal(410, (await app.ConfirmAsync(pending!.GetString("ConfirmationId")!)).Status);
    }

    [Fact]
    public async Task A_pending_row_rewritten_since_it_was_read_by_its_mail_s_outbox_is_still_confirmed_as_it_is_now()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        var entry = await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true), confirm: false);
        var registration = await app.PostAsync(RegistrationForms.Body(email), confirm: false);
        var cancellation = TestContext.Current.CancellationToken;
        var store = app.Services.GetRequiredService<ConfirmationStore>();
        var entryPending = (await store.FindAsync(await ConfirmationIdAsync(app, app.Tables.Promotions, PromotionForms.DemoPromotion, entry), cancellation)).Pending!;
        var registrationPending = (await store.FindAsync(await ConfirmationIdAsync(app, app.Tables.Subjects, app.SubjectOf(email).Value, registration), cancellation)).Pending!;

        // The confirmation mail's sender wrote its outbox state in between (a lease, an attempt): the version read is stale.
        foreach (var (table, pending) in new[] { (app.Tables.Promotions, entryPending), (app.Tables.Subjects, registrationPending) })
        {
            await table.UpdateEntityAsync(
                new TableEntity(pending.Partition, "pending~" + pending.ConfirmationId) { ["Attempts"] = 1 }, Azure.ETag.All, TableUpdateMode.Merge, cancellation);
        }

        var entryOutcome = await app.Services.GetRequiredService<PromotionStore>().ConfirmEntryAsync(entryPending, "email-link", app.Time.GetUtcNow(), cancellation);
        var registrationOutcome = await app.Services.GetRequiredService<RegistrationStore>().ConfirmAsync(registrationPending, "email-link", app.Time.GetUtcNow(), cancellation);

        Assert.IsType<ConfirmationOutcome.Applied>(entryOutcome);
        Assert.IsType<ConfirmationOutcome.Applied>(registrationOutcome);
        Assert.Single(await PromotionRowsAsync(app), row => row.RowKey.StartsWith("entry~", StringComparison.Ordinal));
        Assert.Single(await app.RowsOfAsync(email), row => row.RowKey == "member");
        Assert.DoesNotContain(await PromotionRowsAsync(app), row => row.RowKey.StartsWith("pending~", StringComparison.Ordinal));
        Assert.DoesNotContain(await app.RowsOfAsync(email), row => row.RowKey.StartsWith("pending~", StringComparison.Ordinal));
    }

    private static async Task<string> ConfirmationIdAsync(TestApp app, TableClient table, string partition, TestResponse response) =>
        (await app.PendingRowAsync(table, partition, response.Json.GetProperty("id").GetString()!))!.GetString("ConfirmationId")!;

    private static async Task<TestResponse> GetAsync(TestApp app, string query)
    {
        var request = HttpExchange.Request("GET", "/api/confirm", contentType: null, query: query);
        return await app.Function<ConfirmationFunctions>().ShowAsync(request, CancellationToken.None).ExecuteAsync(request);
    }

    private static async Task<int> RoundTripsAsync(TestApp app, Func<Task<TestResponse>> action)
    {
        var before = app.Requests.Count;
        Assert.Equal(201, (await action()).Status);
        return app.Requests.Count - before;
    }

    private static async Task<string> ExportRegistrationsAsync(TestApp app)
    {
        var request = HttpExchange.Request("GET", "/api/manage/exports/registrations", contentType: null,
            query: $"?from={Uri.EscapeDataString(app.Time.GetUtcNow().AddDays(-1).ToString("O"))}&to={Uri.EscapeDataString(app.Time.GetUtcNow().AddDays(1).ToString("O"))}");
        return (await app.Function<ExportFunctions>().ExportAsync(request, "registrations", CancellationToken.None).ExecuteAsync(request)).Body;
    }

    private static Task<List<TableEntity>> PromotionRowsAsync(TestApp app) => app.Tables.Promotions.RowsAsync();

    private static string JsonShape(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(',', element.EnumerateObject().Select(property => property.Name + ":" + JsonShape(property.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(',', element.EnumerateArray().Select(JsonShape)) + "]",
        _ => element.ValueKind.ToString(),
    };
}
