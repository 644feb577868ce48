using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartnerReceiver;
using Submissions.Application.Notices;
using Submissions.Domain.Privacy;
using Submissions.Functions.Queues;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Functions.Timers;
using Submissions.Storage.Notices;
using Submissions.Storage.Partners;
using Submissions.Storage.Queues;

namespace Submissions.Functions.Tests.Notices;

/// <summary>Withdrawal and erasure notices, against Azurite and a real HTTP receiver on loopback.</summary>
public sealed class PartnerNoticeTests(AzuriteFixture azurite)
{
    private static readonly string[] DemoFields = ["email", "name"];

    [Fact]
    public async Task A_withdrawal_notice_is_posted_once_signed_under_its_notice_id_with_only_ids()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var notice = await app.OweNoticeAsync(NoticeEntity.ConsentWithdrawn, ["d0000000000000000000000000000001", "d0000000000000000000000000000002"], "demo-partner-sharing:1");
        var message = Assert.Single(await app.TakeNoticeMessagesAsync());

        await app.DeliverNoticeAsync(message);

        var webhook = Assert.Single(receiver.Received);
        Assert.Equal(VerificationResult.Valid, webhook.Verification);
        Assert.Equal(VerificationResult.Valid, new WebhookVerifier(app.SigningSecret(), time: app.Time).Verify(webhook.WebhookId, webhook.Timestamp, webhook.Signature, webhook.Body));
        Assert.Equal(notice.RowKey, webhook.WebhookId);

        using var body = JsonDocument.Parse(webhook.Body);
        var root = body.RootElement;
        Assert.Equal(["type", "noticeId", "occurredAt", "deliveryIds", "consents"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("consent.withdrawn", root.GetProperty("type").GetString());
        Assert.Equal(notice.RowKey, root.GetProperty("noticeId").GetString());
        Assert.Equal(notice.OccurredAt, root.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.Equal(["d0000000000000000000000000000001", "d0000000000000000000000000000002"], root.GetProperty("deliveryIds").EnumerateArray().Select(id => id.GetString()));
        var consent = Assert.Single(root.GetProperty("consents").EnumerateArray());
        Assert.Equal(["labelId", "version"], consent.EnumerateObject().Select(p => p.Name));
        Assert.Equal("demo-partner-sharing", consent.GetProperty("labelId").GetString());
        Assert.Equal(1, consent.GetProperty("version").GetInt32());

        var stored = await app.NoticeAsync(notice);
        Assert.Equal(NoticeEntity.Delivered, stored.Status);
        Assert.Equal(app.Services.GetRequiredService<PayloadFingerprinter>().Of(webhook.Body), stored.PayloadSha256);
        Assert.Equal(1, stored.Attempts);
        Assert.NotNull(stored.CompletedAt);
        Assert.Null(stored.ClaimedUntil);

        // The same message again (at-least-once queues), and a fresh copy of it: nothing more is sent.
        await app.DeliverNoticeAsync(message);
        Assert.Equal(NoticeResult.AlreadyDone, await app.Services.GetRequiredService<PartnerNoticeProcessor>().ProcessAsync(
            new PartnerNoticeMessage("demo-partner", notice.RowKey), 1, TestContext.Current.CancellationToken));
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task An_erasure_notice_names_the_deliveries_and_no_consents()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var notice = await app.OweNoticeAsync(NoticeEntity.SubjectErased, ["d0000000000000000000000000000003"]);

        Assert.Equal(1, await app.DeliverAllNoticesAsync());

        var webhook = Assert.Single(receiver.Received);
        Assert.Equal(VerificationResult.Valid, webhook.Verification);
        using var body = JsonDocument.Parse(webhook.Body);
        Assert.Equal(["type", "noticeId", "occurredAt", "deliveryIds"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("subject.erased", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(["d0000000000000000000000000000003"], body.RootElement.GetProperty("deliveryIds").EnumerateArray().Select(id => id.GetString()));
        Assert.Equal(NoticeEntity.Delivered, (await app.NoticeAsync(notice)).Status);
    }

    [Fact]
    public async Task The_queue_message_carries_ids_only()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var notice = await app.OweNoticeAsync(NoticeEntity.SubjectErased, ["d0000000000000000000000000000004"]);

        var sent = Assert.Single(app.QueueMessages.Sent);
        Assert.Equal($$"""{"partnerId":"demo-partner","noticeId":"{{notice.RowKey}}"}""", sent);
        Assert.Equal(sent, Assert.Single(await app.TakeNoticeMessagesAsync()).Body.ToString());
    }

    [Fact]
    public async Task A_partner_500_is_a_transient_failure_left_owed_with_its_retry_scheduled()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        receiver.DefaultStatus = 500;
        var notice = await app.OweNoticeAsync(NoticeEntity.SubjectErased, ["d0000000000000000000000000000005"]);
        var message = Assert.Single(await app.TakeNoticeMessagesAsync());

        await app.DeliverNoticeAsync(message);

        Assert.Equal(3, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(webhook => webhook.WebhookId).Distinct());
        var stored = await app.NoticeAsync(notice);
        Assert.Equal(NoticeEntity.Owed, stored.Status);
        Assert.Equal("http-500", stored.LastError);
        Assert.Null(stored.ClaimedUntil);
        Assert.Equal(1, stored.Attempts);
        Assert.NotNull(stored.NextAttemptAt);

        // The scheduled retry's message, once the partner is back, delivers it under the same webhook-id.
        receiver.DefaultStatus = 204;
        await app.DeliverNoticeAsync(Assert.Single(await app.TakeNoticeMessagesAsync()));
        Assert.Equal(NoticeEntity.Delivered, (await app.NoticeAsync(notice)).Status);
        Assert.Single(receiver.Received.Select(webhook => webhook.WebhookId).Distinct());
    }

    [Fact]
    public async Task A_notice_message_the_host_poisoned_becomes_a_dead_letter_that_an_admin_can_retry()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        receiver.DefaultStatus = 503;
        var notice = await app.OweNoticeAsync(NoticeEntity.ConsentWithdrawn, ["d0000000000000000000000000000006"], "demo-partner-sharing:1");
        var message = Assert.Single(await app.TakeNoticeMessagesAsync());

        // The partner fails; its retry's message is then poisoned, as the host does with one whose function kept
        // throwing (this app's storage failing, say) maxDequeueCount times.
        await app.DeliverNoticeAsync(message);
        var retryMessage = Assert.Single(await app.TakeNoticeMessagesAsync());
        await app.Services.GetRequiredService<SubmissionsQueues>().PartnerNoticesPoison.SendMessageAsync(retryMessage.Body.ToString(), TestContext.Current.CancellationToken);
        foreach (var poisoned in await app.TakeNoticeMessagesAsync(poison: true))
        {
            await app.Function<PartnerNoticeFunctions>().RecordDeadLetterAsync(poisoned, TestContext.Current.CancellationToken);
        }

        var dead = Assert.Single((await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray());
        Assert.Equal("notice", dead.GetProperty("kind").GetString());
        Assert.Equal(notice.RowKey, dead.GetProperty("deliveryId").GetString());
        Assert.Equal("demo-partner", dead.GetProperty("partnerId").GetString());
        Assert.Equal("http-503", dead.GetProperty("reason").GetString());
        Assert.Equal(NoticeEntity.Failed, (await app.NoticeAsync(notice)).Status);

        receiver.DefaultStatus = 204;
        Assert.Equal(202, (await app.RetryDeliveryAsync(notice.RowKey)).Status);
        Assert.Equal(NoticeEntity.Owed, (await app.NoticeAsync(notice)).Status);
        Assert.Equal(1, await app.DeliverAllNoticesAsync());

        Assert.Equal(NoticeEntity.Delivered, (await app.NoticeAsync(notice)).Status);
        Assert.Equal(VerificationResult.Valid, receiver.Received.Last().Verification);
        Assert.Equal(notice.RowKey, receiver.Received.Last().WebhookId);
        Assert.Empty((await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray());
        Assert.Equal(404, (await app.RetryDeliveryAsync(notice.RowKey)).Status);
    }

    [Fact]
    public async Task A_permanent_400_is_a_dead_letter_without_retry()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        receiver.Script(400);
        var notice = await app.OweNoticeAsync(NoticeEntity.SubjectErased, ["d0000000000000000000000000000007"]);

        await app.DeliverAllNoticesAsync();

        Assert.Single(receiver.Received);
        var stored = await app.NoticeAsync(notice);
        Assert.Equal(NoticeEntity.Failed, stored.Status);
        Assert.Equal("http-400", stored.LastError);
        var dead = Assert.Single((await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray());
        Assert.Equal("notice", dead.GetProperty("kind").GetString());
        Assert.Equal("http-400", dead.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Lead_dead_letters_say_they_are_deliveries_beside_notice_ones()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        receiver.DefaultStatus = 400;
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));
        await app.OweNoticeAsync(NoticeEntity.SubjectErased, ["d0000000000000000000000000000008"]);

        await app.DeliverAllAsync();
        await app.DeliverAllNoticesAsync();

        var kinds = (await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray().Select(dead => dead.GetProperty("kind").GetString()).Order();
        Assert.Equal(["delivery", "notice"], kinds);
    }

    [Fact]
    public async Task A_partner_no_longer_active_is_still_told()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        var response = await app.PutPartnerAsync("demo-partner", new { name = "Demo Partner Ltd", webhookUrl = receiver.Url, fields = DemoFields, active = false });
        Assert.InRange(response.Status, 200, 201);
        var notice = await app.OweNoticeAsync(NoticeEntity.SubjectErased, ["d0000000000000000000000000000009"]);

        await app.DeliverAllNoticesAsync();

        Assert.Equal(VerificationResult.Valid, Assert.Single(receiver.Received).Verification);
        Assert.Equal(NoticeEntity.Delivered, (await app.NoticeAsync(notice)).Status);
    }

    [Fact]
    public async Task A_partner_without_a_signing_secret_or_a_record_fails_for_good_with_the_reason()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.Services.GetRequiredService<PartnerStore>().UpsertAsync(
            "unsigned-partner", new PartnerContent("Unsigned", receiver.Url, ["email"], Active: true), app.Time.GetUtcNow(), TestContext.Current.CancellationToken);
        var unsigned = await app.OweNoticeAsync(NoticeEntity.SubjectErased, ["d0000000000000000000000000000010"], partnerId: "unsigned-partner");
        var unknown = await app.OweNoticeAsync(NoticeEntity.SubjectErased, ["d0000000000000000000000000000011"], partnerId: "unknown-partner");

        await app.DeliverAllNoticesAsync();

        Assert.Empty(receiver.Received);
        Assert.Equal("signing-secret-missing", (await app.NoticeAsync(unsigned)).LastError);
        Assert.Equal("partner-missing", (await app.NoticeAsync(unknown)).LastError);
        var reasons = (await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray().Select(dead => dead.GetProperty("reason").GetString()).Order();
        Assert.Equal(["partner-missing", "signing-secret-missing"], reasons);
    }

    [Fact]
    public async Task An_unknown_notice_is_ignored()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var result = await app.Services.GetRequiredService<PartnerNoticeProcessor>().ProcessAsync(
            new PartnerNoticeMessage("demo-partner", Guid.NewGuid().ToString("N")), 1, TestContext.Current.CancellationToken);

        Assert.Equal(NoticeResult.NotFound, result);
        Assert.Empty((await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray());
    }

    [Fact]
    public async Task The_outbox_sweep_re_sends_a_notice_owed_longer_than_the_sweep_age()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var notice = await app.AddNoticeAsync(NoticeEntity.SubjectErased, ["d0000000000000000000000000000012"]);
        var sweep = app.Function<OutboxSweepFunction>();

        await sweep.SweepAsync(null!, TestContext.Current.CancellationToken);
        Assert.Empty(await app.TakeNoticeMessagesAsync());

        app.Time.Advance(TimeSpan.FromMinutes(11));
        await sweep.SweepAsync(null!, TestContext.Current.CancellationToken);
        Assert.Equal($$"""{"partnerId":"demo-partner","noticeId":"{{notice.RowKey}}"}""", Assert.Single(app.QueueMessages.Sent));

        // Re-sent within the sweep age: the next run leaves it alone, so a backlog is not multiplied.
        await sweep.SweepAsync(null!, TestContext.Current.CancellationToken);
        Assert.Equal(1, await app.DeliverAllNoticesAsync());

        Assert.Single(receiver.Received);
        Assert.Equal(NoticeEntity.Delivered, (await app.NoticeAsync(notice)).Status);
    }

    [Fact]
    public async Task The_reference_receiver_records_a_notice_and_acknowledges_its_replay()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var capture = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(capture.Url);
        var notice = await app.OweNoticeAsync(NoticeEntity.ConsentWithdrawn, ["d0000000000000000000000000000013"], "demo-partner-sharing:1");
        await app.DeliverAllNoticesAsync();
        var webhook = Assert.Single(capture.Received);

        await using var sample = await SampleReceiver.StartAsync(app.SigningSecret(), app.Time);

        var first = await sample.PostAsync(webhook, webhook.Body);
        var replay = await sample.PostAsync(webhook, webhook.Body);
        var tampered = await sample.PostAsync(webhook, [.. webhook.Body, (byte)' ']);

        Assert.Equal(System.Net.HttpStatusCode.NoContent, first);
        Assert.Equal(System.Net.HttpStatusCode.OK, replay);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, tampered);
        var recorded = Assert.Single(sample.Services.GetRequiredService<ReceivedNotices>().All);
        Assert.Equal(notice.RowKey, recorded.NoticeId);
        Assert.Equal(NoticeEvent.ConsentWithdrawn, recorded.Type);
        Assert.Equal(["d0000000000000000000000000000013"], recorded.DeliveryIds);
        Assert.Equal(new NoticeConsent("demo-partner-sharing", 1), Assert.Single(recorded.Consents!));
    }
}
