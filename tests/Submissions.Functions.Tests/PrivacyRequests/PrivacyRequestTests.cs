using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Deliveries;
using Submissions.Application.Mail;
using Submissions.Domain.Privacy;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Functions.Tests.Retention;
using Submissions.Functions.Timers;
using Submissions.Storage.Queues;

namespace Submissions.Functions.Tests.PrivacyRequests;

/// <summary>
/// Issue 17 §3: a person asks for their data or its erasure by themselves. Against Azurite; the links are made by the
/// app's own signer (PrivacyRequestSmtpTests follows the real mails' links once the loopback SMTP listener is in).
/// </summary>
public sealed class PrivacyRequestTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_known_and_an_unknown_email_get_the_same_status_body_and_headers_and_cost_the_same_round_trips()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var known = RegistrationForms.NewEmail();
        Assert.Equal(201, (await app.PostAsync(RegistrationForms.Body(known))).Status);
        await app.RequestAsync(RegistrationForms.NewEmail(), "erasure"); // warm-up: the day's client salt, the clients

        foreach (var kind in new[] { "access", "erasure" })
        {
            var before = app.Requests.Count;
            var unknownAnswer = await app.RequestAsync(RegistrationForms.NewEmail(), kind);
            var unknownTrips = app.Requests.Count - before;
            before = app.Requests.Count;
            var knownAnswer = await app.RequestAsync(known, kind);
            var knownTrips = app.Requests.Count - before;

            Assert.Equal(202, knownAnswer.Status);
            Assert.Equal(unknownAnswer.Status, knownAnswer.Status);
            Assert.Equal(unknownAnswer.Body, knownAnswer.Body);
            Assert.Equal(unknownAnswer.ContentType, knownAnswer.ContentType);
            Assert.Equal(Headers(unknownAnswer), Headers(knownAnswer));
            Assert.Equal("no-store", knownAnswer.Headers.CacheControl.ToString());
            Assert.Equal(3, knownTrips); // the request row, its queue message, its audit record
            Assert.Equal(unknownTrips, knownTrips);
        }

        // Each request: one row owing its link mail, named by an ids-only message.
        var rows = await app.PrivacyRequestRowsAsync();
        Assert.Equal(5, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Equal("request", row.RowKey);
            Assert.Equal("awaiting-confirmation", row.GetString("Status"));
            Assert.Equal("link", row.GetString("MailStage"));
            Assert.Equal("owed", row.GetString("MailStatus"));
            Assert.Equal(TimeSpan.FromHours(24), row.GetDateTimeOffset("ExpiresAt") - row.GetDateTimeOffset("CreatedAt"));
            Assert.Contains(MailMessages(app), message => message == new OutboundMailMessage("privacy-request", row.PartitionKey));
        });
    }

    [Fact]
    public async Task Bad_fields_are_refused_with_field_codes_and_store_nothing()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var badEmail = await app.RequestAsync(new { email = "not an address", kind = "access" });
        var badKind = await app.RequestAsync(new { email = RegistrationForms.NewEmail(), kind = "everything" });
        var missing = await app.RequestAsync(new { });
        var honeypot = await app.RequestAsync(new { email = RegistrationForms.NewEmail(), kind = "access", website = "http://spam.example" });

        Assert.Equal(400, badEmail.Status);
        Assert.Equal("email-format", Code(badEmail, "email"));
        Assert.Equal(400, badKind.Status);
        Assert.Equal("not-an-option", Code(badKind, "kind"));
        Assert.Equal(["email", "kind"], missing.ErrorFields.Order(StringComparer.Ordinal));
        Assert.Equal("required", Code(missing, "kind"));
        Assert.Equal(400, honeypot.Status);
        Assert.All(new[] { badEmail, badKind, missing, honeypot }, answer => Assert.True(answer.IsProblem));
        Assert.Empty(await app.PrivacyRequestRowsAsync());
        Assert.Empty(MailMessages(app));
    }

    [Fact]
    public async Task Access_end_to_end_the_confirmed_request_owes_a_download_link_whose_bundle_holds_the_person_s_registration_and_entries()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        Assert.Equal(201, (await app.PostAsync(RegistrationForms.Body(email, "Ada Access"))).Status);
        Assert.Equal(201, (await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: false, name: "Ada Access"))).Status);

        Assert.Equal(202, (await app.RequestAsync(email, "access")).Status);
        var row = await app.RequestRowOfAsync(email);
        var id = row.PartitionKey;

        // The page changes nothing and touches no storage: mail scanners open links.
        var before = app.Requests.Count;
        var page = await app.ShowConfirmationAsync(app.ConfirmQuery(id));
        Assert.Equal(200, page.Status);
        Assert.Contains("<form method=\"post\"", page.Body, StringComparison.Ordinal);
        Assert.Equal(before, app.Requests.Count);

        var confirmed = await app.ConfirmRequestAsync(app.ConfirmQuery(id));
        Assert.Equal(200, confirmed.Status);
        Assert.Equal("confirmed", confirmed.Json.GetProperty("status").GetString());
        row = await app.RequestRowOfAsync(email);
        Assert.Equal("confirmed", row.GetString("Status"));
        Assert.Equal("download", row.GetString("MailStage"));
        Assert.Equal("owed", row.GetString("MailStatus"));
        Assert.Equal(email, row.GetString("Email")); // the download link's mail still has to go
        Assert.Equal(2, MailMessages(app).Count(message => message.Id == id));
        Assert.Equal("confirmed", (await app.ConfirmRequestAsync(app.ConfirmQuery(id))).Json.GetProperty("status").GetString());

        var download = await app.DownloadAsync(app.DownloadQuery(id));
        Assert.Equal(200, download.Status);
        Assert.Equal("no-store", download.Headers.CacheControl.ToString());
        Assert.StartsWith("attachment;", download.Headers.ContentDisposition.ToString(), StringComparison.Ordinal);
        var bundle = download.Json;
        Assert.Equal("Ada Access", bundle.GetProperty("registration").GetProperty("displayName").GetString());
        var entry = Assert.Single(bundle.GetProperty("promotionEntries").EnumerateArray());
        Assert.Equal(email, entry.GetProperty("email").GetString());
        Assert.False(entry.TryGetProperty("deliveryId", out _));
        Assert.False(bundle.TryGetProperty("email", out _));
        Assert.DoesNotContain(app.SubjectOf(email).Value, download.Body, StringComparison.Ordinal);
        Assert.NotEmpty(bundle.GetProperty("consents").EnumerateArray());

        // A confirm link is no download link, and an expired download link is refused.
        Assert.Equal(400, (await app.DownloadAsync(app.ConfirmQuery(id))).Status);
        Assert.Equal(410, (await app.DownloadAsync(app.DownloadQuery(id, app.Time.GetUtcNow().AddMinutes(-1)))).Status);
    }

    [Fact]
    public async Task An_unknown_person_s_download_is_an_empty_bundle_of_the_same_shape()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var known = RegistrationForms.NewEmail();
        var unknown = RegistrationForms.NewEmail();
        Assert.Equal(201, (await app.PostAsync(RegistrationForms.Body(known))).Status);
        await app.RequestAsync(known, "access");
        await app.RequestAsync(unknown, "access");
        var knownId = (await app.RequestRowOfAsync(known)).PartitionKey;
        var unknownId = (await app.RequestRowOfAsync(unknown)).PartitionKey;
        Assert.Equal(200, (await app.ConfirmRequestAsync(app.ConfirmQuery(knownId))).Status);
        Assert.Equal(200, (await app.ConfirmRequestAsync(app.ConfirmQuery(unknownId))).Status);

        var knownBundle = (await app.DownloadAsync(app.DownloadQuery(knownId))).Json;
        var empty = (await app.DownloadAsync(app.DownloadQuery(unknownId))).Json;

        Assert.Equal(
            knownBundle.EnumerateObject().Select(property => property.Name),
            empty.EnumerateObject().Select(property => property.Name));
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("registration").ValueKind);
        Assert.All(
            empty.EnumerateObject().Where(property => property.Value.ValueKind == JsonValueKind.Array),
            property => Assert.Empty(property.Value.EnumerateArray()));
    }

    [Fact]
    public async Task Erasure_end_to_end_the_person_s_data_goes_and_a_done_mail_is_owed_which_keeps_the_address_only_until_sent()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        Assert.Equal(201, (await app.PostAsync(RegistrationForms.Body(email, "Eve Erase"))).Status);
        Assert.Equal(201, (await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: false, name: "Eve Erase"))).Status);
        Assert.Equal(202, (await app.RequestAsync(email, "erasure")).Status);
        var id = (await app.RequestRowOfAsync(email)).PartitionKey;
        Assert.Contains(await app.RowsOfAsync(email), row => row.RowKey == "member");

        var erased = await app.ConfirmRequestAsync(app.ConfirmQuery(id));

        Assert.Equal(200, erased.Status);
        Assert.Equal("erased", erased.Json.GetProperty("status").GetString());
        Assert.DoesNotContain(await app.RowsOfAsync(email), row => row.RowKey == "member");
        Assert.DoesNotContain(await app.Tables.Promotions.RowsAsync(), row => row.Mentions(email));
        var row = await app.RequestRowOfAsync(email);
        Assert.Equal("completed", row.GetString("Status"));
        Assert.NotNull(row.GetDateTimeOffset("CompletedAt"));
        Assert.Equal("done", row.GetString("MailStage"));
        Assert.Equal("owed", row.GetString("MailStatus"));
        Assert.Equal(email, row.GetString("Email")); // read by the last mail, then cleared (PrivacyRequestSmtpTests)
        Assert.Equal(2, MailMessages(app).Count(message => message.Id == id));

        // Pressing again changes nothing.
        var again = await app.ConfirmRequestAsync(app.ConfirmQuery(id));
        Assert.Equal("already-done", again.Json.GetProperty("status").GetString());
        Assert.Equal(2, MailMessages(app).Count(message => message.Id == id));

        // Outside the request row (which keeps the address for the last mail) nothing mentions the person.
        var everywhere = await app.AllRowsAsync();
        Assert.DoesNotContain(everywhere, entry => entry.Table != app.Tables.PrivacyRequests.Name && entry.Row.Mentions(email));
    }

    [Fact]
    public async Task Every_request_and_its_outcome_is_audited_by_the_person_s_reference_never_the_email()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        Assert.Equal(201, (await app.PostAsync(RegistrationForms.Body(email))).Status);
        await app.RequestAsync(email, "access");
        await app.RequestAsync(email, "erasure");
        var rows = await app.PrivacyRequestRowsAsync();
        var access = rows.Single(row => row.GetString("Kind") == "access").PartitionKey;
        var erasure = rows.Single(row => row.GetString("Kind") == "erasure").PartitionKey;
        await app.ConfirmRequestAsync(app.ConfirmQuery(access));
        await app.DownloadAsync(app.DownloadQuery(access));
        await app.ConfirmRequestAsync(app.ConfirmQuery(erasure));

        var audit = await app.Tables.Audit.RowsAsync();
        var reference = app.Services.GetRequiredService<AuditReferenceHasher>().For(app.SubjectOf(email));
        var mine = audit.Where(row => row.GetString("Actor") == "self-service").ToList();
        Assert.All(mine, row => Assert.Equal(reference, row.GetString("SubjectReference")));
        string[] expected =
        [
            "privacy-request/access", "privacy-request/erasure", "privacy-request-confirmed/access", "privacy-request-confirmed/erasure",
            "privacy-request-download/access", "privacy-request-erasure/erasure",
        ];
        Assert.Equal(
            expected.Order(StringComparer.Ordinal),
            mine.Select(row => $"{row.GetString("Action")}/{row.GetString("Scope")}").Order(StringComparer.Ordinal));
        Assert.True(mine.Single(row => row.GetString("Action") == "privacy-request-download").GetInt32("Count") > 0);
        Assert.True(mine.Single(row => row.GetString("Action") == "privacy-request-erasure").GetInt32("Count") > 0);
        Assert.DoesNotContain(audit, row => row.Mentions(email) || row.Mentions(app.SubjectOf(email).Value));
    }

    [Fact]
    public async Task Admins_list_open_requests_by_id_kind_status_and_age_without_the_address()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var first = RegistrationForms.NewEmail();
        await app.RequestAsync(first, "erasure");
        app.Time.Advance(TimeSpan.FromDays(1));
        var second = RegistrationForms.NewEmail();
        await app.RequestAsync(second, "access");
        var secondId = (await app.RequestRowOfAsync(second)).PartitionKey;
        Assert.Equal(200, (await app.ConfirmRequestAsync(app.ConfirmQuery(secondId))).Status);
        app.Time.Advance(TimeSpan.FromDays(10));

        var list = await app.ListOpenRequestsAsync();

        Assert.Equal(200, list.Status);
        Assert.Equal("no-store", list.Headers.CacheControl.ToString());
        var open = list.Json.GetProperty("requests").EnumerateArray().ToList();
        Assert.Equal(2, open.Count);
        Assert.Equal(["erasure", "access"], open.Select(item => item.GetProperty("kind").GetString()));
        Assert.Equal(["awaiting-confirmation", "confirmed"], open.Select(item => item.GetProperty("status").GetString()));
        Assert.Equal([11, 10], open.Select(item => item.GetProperty("ageDays").GetInt32()));
        Assert.Equal(secondId, open[1].GetProperty("id").GetString());
        Assert.False(open[0].GetProperty("overdue").GetBoolean());
        Assert.DoesNotContain(first, list.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(app.SubjectOf(second).Value, list.Body, StringComparison.Ordinal);
        Assert.Equal(400, (await app.ListOpenRequestsAsync("?status=closed")).Status);
    }

    [Fact]
    public async Task Requests_never_confirmed_are_purged_after_their_link_expires_and_their_link_is_then_refused()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var idle = RegistrationForms.NewEmail();
        var confirmed = RegistrationForms.NewEmail();
        await app.RequestAsync(idle, "access");
        await app.RequestAsync(confirmed, "access");
        var idleId = (await app.RequestRowOfAsync(idle)).PartitionKey;
        var idleLink = app.ConfirmQuery(idleId, app.Time.GetUtcNow().AddDays(2));
        await app.ConfirmRequestAsync(app.ConfirmQuery((await app.RequestRowOfAsync(confirmed)).PartitionKey));

        app.Time.Advance(TimeSpan.FromHours(23));
        await app.Function<RetentionPurgeFunction>().PurgeAsync(null!, TestContext.Current.CancellationToken);
        Assert.Equal(2, (await app.PrivacyRequestRowsAsync()).Count);

        app.Time.Advance(TimeSpan.FromHours(2));
        await app.Function<RetentionPurgeFunction>().PurgeAsync(null!, TestContext.Current.CancellationToken);

        var left = Assert.Single(await app.PrivacyRequestRowsAsync());
        Assert.Equal("confirmed", left.GetString("Status"));
        var reports = await RetentionData.RowsAsync(app.Tables.PurgeReports, app.Time.GetUtcNow().ToString("yyyy-MM", CultureInfo.InvariantCulture));
        Assert.Contains(reports, row => row.GetString("Kind") == "privacy-requests" && row.GetInt32("Count") == 1);
        Assert.Contains(await app.Tables.Audit.RowsAsync(), row => row.GetString("Action") == "privacy-request-expired");
        Assert.Equal(410, (await app.ConfirmRequestAsync(idleLink)).Status);
    }

    [Fact]
    public async Task With_the_relay_down_the_link_mail_stays_owed_with_its_address_and_the_queue_retries_it()
    {
        await using var app = await TestApp.StartAsync(
            azurite.ConnectionString,
            new Dictionary<string, string?> { ["Mail:Host"] = "127.0.0.1", ["Mail:Port"] = PrivacyRequestDriver.ClosedPort().ToString(CultureInfo.InvariantCulture) });
        var email = RegistrationForms.NewEmail();
        await app.RequestAsync(email, "access");
        var id = (await app.RequestRowOfAsync(email)).PartitionKey;

        var dispatcher = app.Services.GetRequiredService<OutboundMailDispatcher>();
        await Assert.ThrowsAsync<TransientDeliveryException>(() => dispatcher.ProcessAsync(new OutboundMailMessage("privacy-request", id), 1, CancellationToken.None));

        var row = await app.RequestRowOfAsync(email);
        Assert.Equal("owed", row.GetString("MailStatus"));
        Assert.Equal("relay-unavailable", row.GetString("LastError"));
        Assert.Equal(1, row.GetInt32("Attempts"));
        Assert.Null(row.GetDateTimeOffset("ClaimedUntil"));
        Assert.Equal(email, row.GetString("Email"));
    }

    private static List<OutboundMailMessage> MailMessages(TestApp app) =>
        [.. app.QueueMessages.Sent.Select(OutboundMailMessage.FromJson).OfType<OutboundMailMessage>().Where(message => message.Kind == "privacy-request")];

    private static string Code(TestResponse response, string field) =>
        response.Json.GetProperty("codes").GetProperty(field)[0].GetString()!;

    private static string Headers(TestResponse response) =>
        string.Join('\n', response.Headers.OrderBy(header => header.Key, StringComparer.OrdinalIgnoreCase).Select(header => $"{header.Key}: {header.Value}"));
}
