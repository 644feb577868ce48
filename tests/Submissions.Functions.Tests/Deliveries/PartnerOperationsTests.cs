using System.Globalization;
using System.Text.Json;
using PartnerReceiver;
using Submissions.Application.Partners;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Notices;
using Submissions.Storage.Promotions;

namespace Submissions.Functions.Tests.Deliveries;

/// <summary>
/// Issue 19, test and recover: an admin sends a partner a signed test event (no personal data) and sees its answer;
/// after an outage, one call owes again every lead and notice of that partner that failed for good since a time.
/// </summary>
public sealed class PartnerOperationsTests(AzuriteFixture azurite)
{
    private static readonly string[] EmailOnly = ["email"];

    [Fact]
    public async Task A_test_event_is_signed_carries_no_personal_data_and_reports_the_partner_s_answer()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);

        var accepted = await app.TestPartnerAsync();
        Assert.Equal(200, accepted.Status);
        Assert.True(accepted.Json.GetProperty("accepted").GetBoolean());
        var webhook = Assert.Single(receiver.Received);
        Assert.Equal(VerificationResult.Valid, webhook.Verification);
        Assert.Equal(accepted.Json.GetProperty("testId").GetString(), webhook.WebhookId);
        using (var body = JsonDocument.Parse(webhook.Body))
        {
            Assert.Equal(["type", "testId", "partnerId", "sentAt"], body.RootElement.EnumerateObject().Select(property => property.Name));
            Assert.Equal("webhook.test", body.RootElement.GetProperty("type").GetString());
        }

        // A partner failing answers with the reason a dead letter would give; the test leaves nothing behind.
        receiver.DefaultStatus = 503;
        var failing = await app.TestPartnerAsync();
        Assert.Equal((false, "http-503"), (failing.Json.GetProperty("accepted").GetBoolean(), failing.Json.GetProperty("reason").GetString()));
        Assert.NotEqual(failing.Json.GetProperty("testId").GetString(), accepted.Json.GetProperty("testId").GetString());
        Assert.Empty((await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray());
        Assert.Empty(await app.Tables.Disclosures.RowsAsync());

        Assert.Equal(404, (await app.TestPartnerAsync("nobody")).Status);
        Assert.Equal(400, (await app.TestPartnerAsync("Not An Id")).Status);
    }

    [Fact]
    public async Task A_test_event_to_a_partner_without_a_usable_secret_says_so_without_a_request()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        Assert.Equal(201, (await app.PutPartnerAsync("no-secret", new { name = "No Secret Ltd", webhookUrl = receiver.Url, fields = EmailOnly, active = false })).Status);

        var answer = await app.TestPartnerAsync("no-secret");

        Assert.Equal((false, "signing-secret-missing"), (answer.Json.GetProperty("accepted").GetBoolean(), answer.Json.GetProperty("reason").GetString()));
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task A_test_event_obeys_the_destination_policy_of_leads()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Delivery:AllowPrivateDestinations"] = "false" });
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);

        var answer = await app.TestPartnerAsync();

        Assert.Equal((false, "destination-not-allowed"), (answer.Json.GetProperty("accepted").GetBoolean(), answer.Json.GetProperty("reason").GetString()));
        Assert.Equal("no-store", answer.Headers.CacheControl.ToString());
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task Recover_owes_again_what_failed_for_good_since_a_time_for_that_partner_only()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>
        {
            [PartnerSettings.SigningSecret("other-partner")] = TestApp.NewSigningSecret(),
        });
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await using var other = await TestReceiver.StartAsync(app.SigningSecret("other-partner"), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        Assert.Equal(201, (await app.PutPartnerAsync("other-partner", new { name = "Other Ltd", webhookUrl = other.Url, fields = EmailOnly, active = true })).Status);
        var before = app.Time.GetUtcNow().AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture);

        // The outage: two leads and a notice to the demo partner spend their schedules; the other partner's notice too.
        receiver.DefaultStatus = 503;
        other.DefaultStatus = 503;
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));
        await app.DeliverUntilQuietAsync();
        var notice = await app.OweNoticeAsync(NoticeEntity.SubjectErased, ["d0000000000000000000000000000021"]);
        var othersNotice = await app.OweNoticeAsync(NoticeEntity.SubjectErased, ["d0000000000000000000000000000022"], partnerId: "other-partner");
        for (var round = 0; round < 5; round++)
        {
            await app.DeliverAllNoticesAsync();
        }

        Assert.Equal(4, (await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").GetArrayLength());

        // The demo partner is back: one call owes its three again, each with a fresh schedule.
        receiver.DefaultStatus = 204;
        var recovered = await app.RecoverPartnerAsync(before);
        Assert.Equal(202, recovered.Status);
        Assert.Equal((2, 1, false), (recovered.Json.GetProperty("leadsOwed").GetInt32(), recovered.Json.GetProperty("noticesOwed").GetInt32(), recovered.Json.GetProperty("more").GetBoolean()));
        Assert.Equal(2, await app.DeliverUntilQuietAsync());
        Assert.Equal(1, await app.DeliverAllNoticesAsync());

        var owed = (await app.Tables.Promotions.RowsAsync()).Where(row => row.RowKey.StartsWith(OwedDeliveryEntity.RowKeyPrefix, StringComparison.Ordinal));
        Assert.All(owed, row => Assert.Equal(OwedDeliveryEntity.Delivered, row.GetString("Status")));
        Assert.Equal(NoticeEntity.Delivered, (await app.NoticeAsync(notice)).Status);
        Assert.Equal(NoticeEntity.Failed, (await app.NoticeAsync(othersNotice)).Status);
        var left = Assert.Single((await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray());
        Assert.Equal(othersNotice.RowKey, left.GetProperty("deliveryId").GetString());

        // Again: nothing left to recover. The other partner's notice failed before a later time: nothing either.
        var again = await app.RecoverPartnerAsync(before);
        Assert.Equal((0, 0), (again.Json.GetProperty("leadsOwed").GetInt32(), again.Json.GetProperty("noticesOwed").GetInt32()));
        var later = app.Time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);
        var none = await app.RecoverPartnerAsync(later, "other-partner");
        Assert.Equal((202, 0, 0), (none.Status, none.Json.GetProperty("leadsOwed").GetInt32(), none.Json.GetProperty("noticesOwed").GetInt32()));
        Assert.Equal(1, (await app.RecoverPartnerAsync(before.Replace("+00:00", "Z", StringComparison.Ordinal), "other-partner")).Json.GetProperty("noticesOwed").GetInt32());

        // A time without its offset, in the future, not ISO 8601, or none, is refused.
        Assert.Equal(400, (await app.RecoverPartnerAsync("2026-11-24T00:00:00")).Status);
        Assert.Equal(400, (await app.RecoverPartnerAsync(app.Time.GetUtcNow().AddDays(1).ToString("O", CultureInfo.InvariantCulture))).Status);
        Assert.Equal(400, (await app.RecoverPartnerAsync("11/24/2026 00:00 Z")).Status);
        Assert.Equal(400, (await app.RecoverPartnerAsync("soon")).Status);
        Assert.Equal(400, (await app.RecoverPartnerAsync(null)).Status);
        Assert.Equal(404, (await app.RecoverPartnerAsync(before, "nobody")).Status);
    }
}
