using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Notices;
using Submissions.Functions.Queues;
using Submissions.Functions.Tests.Faults;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Notices;
using Submissions.Storage.Promotions;
using Submissions.Storage.Queues;

namespace Submissions.Functions.Tests.Notices;

/// <summary>
/// A withdrawal notice never overtakes a lead it is about: a partner must not accept a lead after it received the
/// withdrawal for it. The lead and the notice go to one real receiver on loopback; the queue triggers are played by
/// <see cref="QueueTriggerHost"/>.
/// </summary>
public sealed class NoticeOrderTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_withdrawal_notice_waits_for_a_lead_between_in_process_retries_and_never_arrives_before_it()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        var notices = await WithdrawWhileTheLeadWaitsAsync(app, receiver);
        await notices.RunUntilEmptyAsync();

        // Held while the lead was in flight (its message sent again, delayed: no exception, no queue retry spent), then
        // sent once the lead had been accepted.
        Assert.Equal(["done", "done"], notices.Outcomes);
        Assert.Equal(1, Assert.Single(await app.Tables.Notices.RowsAsync()).GetInt32("Attempts"));
        Assert.Equal(["lead.created", "lead.created", "consent.withdrawn"], receiver.Received.Select(TypeOf));
    }

    [Fact]
    public async Task A_notice_whose_retries_ran_out_while_held_behind_a_lead_stays_owed_instead_of_dead_lettered()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        var notices = await WithdrawWhileTheLeadWaitsAsync(app, receiver);

        // Its queue retries ran out while it was held; the poison handler runs once the lead has ended.
        var held = Assert.Single(await app.Tables.Notices.RowsAsync());
        await app.Services.GetRequiredService<PartnerNoticeProcessor>()
            .RecordDeadLetterAsync(new PartnerNoticeMessage(held.PartitionKey, held.RowKey), dequeueCount: 5, TestContext.Current.CancellationToken);

        // Not a failure of its own: it stays owed for the sweep, and no dead letter asks an admin to act.
        Assert.Equal(NoticeEntity.Owed, Assert.Single(await app.Tables.Notices.RowsAsync()).GetString("Status"));
        Assert.Empty(await app.Tables.DeliveryFailures.RowsAsync());
        await notices.RunUntilEmptyAsync();
        Assert.Equal(["lead.created", "lead.created", "consent.withdrawn"], receiver.Received.Select(TypeOf));
    }

    [Fact]
    public async Task A_withdrawal_stops_a_lead_waiting_for_its_scheduled_retry_so_it_is_never_posted_after_the_notice()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Delivery:MaxRetries"] = "0" });
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var email = RegistrationForms.NewEmail();
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true));
        var deliveries = QueueTriggerHost.Deliveries(app);

        // 503 with Retry-After: the lead went out and waits, owed, for its scheduled retry.
        receiver.Script(503, TimeSpan.Zero, retryAfterSeconds: 1);
        await deliveries.RunOnceAsync();
        Assert.Equal(["done"], deliveries.Outcomes);
        Assert.Equal("http-503", Assert.Single(await app.Tables.Promotions.RowsAsync(), row => row.RowKey.StartsWith(OwedDeliveryEntity.RowKeyPrefix, StringComparison.Ordinal)).GetString("LastError"));

        Assert.Equal(200, (await app.WithdrawAsync(email, "demo-partner-sharing")).Status);
        var notices = NoticeHost(app);
        await notices.RunUntilEmptyAsync();
        await deliveries.RunUntilEmptyAsync();

        // The withdrawal stopped it: the notice went at once, the lead's retry found it done and posted nothing.
        Assert.Equal(["done"], notices.Outcomes);
        Assert.Equal(["lead.created", "consent.withdrawn"], receiver.Received.Select(TypeOf));
        var owed = Assert.Single(await app.Tables.Promotions.RowsAsync(), row => row.RowKey.StartsWith(OwedDeliveryEntity.RowKeyPrefix, StringComparison.Ordinal));
        Assert.Equal((OwedDeliveryEntity.Withdrawn, "consent-withdrawn"), (owed.GetString("Status"), owed.GetString("LastError")));
        Assert.Equal("possibly-delivered", Assert.Single(await app.Tables.Disclosures.RowsAsync()).GetString("Outcome"));
    }

    /// <summary>
    /// A lead the partner answers 503 with Retry-After, so its attempt waits to post it again; the sharing consent is
    /// withdrawn meanwhile and the notice tried once (held), then the lead's attempt ends (accepted on its retry).
    /// </summary>
    private static async Task<QueueTriggerHost> WithdrawWhileTheLeadWaitsAsync(TestApp app, TestReceiver receiver)
    {
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var email = RegistrationForms.NewEmail();
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true));
        var message = Assert.Single(await app.TakeDeliveryMessagesAsync());
        receiver.Script(503, TimeSpan.Zero, retryAfterSeconds: 2);
        var delivering = app.DeliverAsync(message);
        await SubjectForms.WaitUntilAsync(() => receiver.Received.Count == 1);

        Assert.Equal(200, (await app.WithdrawAsync(email, "demo-partner-sharing")).Status);
        var notices = NoticeHost(app);
        await notices.RunOnceAsync();
        await delivering;
        return notices;
    }

    private static string TypeOf(ReceivedWebhook webhook)
    {
        using var body = JsonDocument.Parse(webhook.Body);
        return body.RootElement.GetProperty("type").GetString()!;
    }

    private static QueueTriggerHost NoticeHost(TestApp app)
    {
        var queues = app.Services.GetRequiredService<SubmissionsQueues>();
        return new QueueTriggerHost(queues.PartnerNotices, queues.PartnerNoticesPoison, app.Function<PartnerNoticeFunctions>().DeliverAsync);
    }

}
