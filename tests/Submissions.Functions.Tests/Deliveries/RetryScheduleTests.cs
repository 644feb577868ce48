using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using PartnerReceiver;
using Submissions.Functions.Queues;
using Submissions.Functions.Tests.Faults;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Functions.Timers;
using Submissions.Storage.Notices;
using Submissions.Storage.Promotions;
using Submissions.Storage.Queues;

namespace Submissions.Functions.Tests.Deliveries;

/// <summary>
/// Issue 19, retries over a day: each retry is a queue message delayed by the schedule (shortened to seconds here by
/// configuration — the same code path as the day-long default); a partner back after a night gets each lead once, and
/// each person's leads in the order they were owed; a partner failing for good is paused instead of spending retries,
/// until an admin resumes it; the outbox sweep leaves a scheduled retry alone until it is overdue.
/// </summary>
public sealed class RetryScheduleTests(AzuriteFixture azurite)
{
    /// <summary>The default's shape (waits growing), in seconds.</summary>
    private const string NightSchedule = "0:00:01, 0:00:01, 0:00:02, 0:00:02, 0:00:03, 0:00:03, 0:00:03";

    private const string SecondPromotion = "second-promotion";

    [Fact]
    public async Task A_partner_down_all_night_gets_every_lead_in_the_morning_once_and_each_person_s_leads_in_order()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Delivery:RetrySchedule"] = NightSchedule,
            ["Delivery:HeldRecheckSeconds"] = "1",
        });
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        Assert.Equal(201, (await app.PutPromotionAsync(SecondPromotion, PromotionForms.Promotion())).Status);
        var host = QueueTriggerHost.Deliveries(app);
        var people = Enumerable.Range(0, 3).Select(_ => RegistrationForms.NewEmail()).ToList();

        // Evening: the partner goes down, then three people enter the first promotion.
        receiver.Down = true;
        foreach (var email in people)
        {
            await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true, fields: new { answer = "Green" }));
        }

        // The night: attempt after attempt fails, each waiting longer; later the same people enter the second promotion,
        // whose leads wait behind their first ones instead of going out on their own.
        await RunForAsync(host, TimeSpan.FromSeconds(4));
        foreach (var email in people)
        {
            await app.EnterAsync(SecondPromotion, PromotionForms.Entry(email, share: true, fields: new { answer = "Violet" }));
        }

        await RunForAsync(host, TimeSpan.FromSeconds(2));
        Assert.Empty(receiver.Received);
        var droppedOvernight = receiver.Dropped;
        Assert.True(droppedOvernight >= people.Count * 3 * 3, $"{droppedOvernight} requests dropped overnight");
        Assert.Contains(app.Logs.GetSnapshot(), record => record.Id.Id == 2113);

        // Morning: the partner is back and every lead arrives.
        receiver.Down = false;
        await RunUntilAsync(host, () => receiver.Received.Count >= people.Count * 2, TimeSpan.FromSeconds(60));
        await RunForAsync(host, TimeSpan.FromSeconds(4));

        Assert.Equal(people.Count * 2, receiver.Received.Count);
        Assert.All(receiver.Received, webhook => Assert.Equal(VerificationResult.Valid, webhook.Verification));
        Assert.Equal(people.Count * 2, receiver.Received.Select(webhook => webhook.WebhookId).Distinct().Count());
        foreach (var email in people)
        {
            var promotions = receiver.Received.OrderBy(webhook => webhook.ArrivedAt).Select(Lead).Where(lead => lead.Email == email).Select(lead => lead.PromotionId);
            Assert.Equal([PromotionForms.DemoPromotion, SecondPromotion], promotions);
        }

        var owed = (await app.Tables.Promotions.RowsAsync()).Where(row => row.RowKey.StartsWith(OwedDeliveryEntity.RowKeyPrefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(people.Count * 2, owed.Count);
        Assert.All(owed, row => Assert.Equal(OwedDeliveryEntity.Delivered, row.GetString("Status")));
        Assert.Empty((await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray());
        Assert.Empty((await app.Services.GetRequiredService<SubmissionsQueues>().PartnerDeliveriesPoison.PeekMessagesAsync(cancellationToken: TestContext.Current.CancellationToken)).Value);
    }

    [Fact]
    public async Task A_partner_failing_for_good_is_paused_instead_of_spending_retries_and_an_admin_s_resume_delivers_what_waited()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Delivery:PauseAfterFailures"] = "3",
            ["Delivery:PauseAfterFailingMinutes"] = "0",
        });
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        receiver.DefaultStatus = 503;

        // Three failed attempts open the breaker: the lead waits, one retry of the schedule's four unspent, no dead letter.
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));
        Assert.Equal(3, await app.DeliverUntilQuietAsync());
        Assert.Equal(3 * 3, receiver.Received.Count);
        Assert.Single(app.Logs.GetSnapshot(), record => record.Id.Id == 2110);
        var first = Assert.Single(await OwedRowsAsync(app));
        Assert.Equal((OwedDeliveryEntity.Owed, "partner-paused", 3), (first.GetString("Status"), first.GetString("LastError"), first.GetInt32("Attempts")));
        Assert.Empty((await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray());

        // While paused, a new lead and a notice wait without a request to the partner, their attempts uncounted.
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));
        Assert.Equal(1, await app.DeliverUntilQuietAsync());
        var notice = await app.OweNoticeAsync(NoticeEntity.SubjectErased, ["d0000000000000000000000000000019"]);
        Assert.Equal(1, await app.DeliverAllNoticesAsync());
        Assert.Equal(3 * 3, receiver.Received.Count);
        Assert.All(await OwedRowsAsync(app), row => Assert.Equal("partner-paused", row.GetString("LastError")));
        Assert.Equal((0, "partner-paused"), ((await app.NoticeAsync(notice)).Attempts, (await app.NoticeAsync(notice)).LastError));

        // Resumed too early, the partner still failing: its first failure pauses it again (half-open), so the leads keep
        // their last attempts instead of running into dead letters.
        Assert.True((await app.ResumePartnerAsync()).Json.GetProperty("wasPaused").GetBoolean());
        Assert.Equal(2, await app.DeliverUntilQuietAsync());
        Assert.Equal(1, await app.DeliverAllNoticesAsync());
        Assert.Equal(2, app.Logs.GetSnapshot().Count(record => record.Id.Id == 2110));
        Assert.Equal(3 * 3 + 3, receiver.Received.Count);
        Assert.All(await OwedRowsAsync(app), row => Assert.Equal((OwedDeliveryEntity.Owed, "partner-paused"), (row.GetString("Status"), row.GetString("LastError"))));
        Assert.Empty((await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray());

        // The partner is mended; an admin resumes it, and what waited goes at once.
        receiver.DefaultStatus = 204;
        var resumed = await app.ResumePartnerAsync();
        Assert.Equal(200, resumed.Status);
        Assert.Equal((true, 2, 1), (resumed.Json.GetProperty("wasPaused").GetBoolean(), resumed.Json.GetProperty("leadsSent").GetInt32(), resumed.Json.GetProperty("noticesSent").GetInt32()));
        Assert.Equal(2, await app.DeliverUntilQuietAsync());
        Assert.Equal(1, await app.DeliverAllNoticesAsync());

        Assert.All(await OwedRowsAsync(app), row => Assert.Equal(OwedDeliveryEntity.Delivered, row.GetString("Status")));
        Assert.Equal(NoticeEntity.Delivered, (await app.NoticeAsync(notice)).Status);
        Assert.Equal(3 * 3 + 3 + 3, receiver.Received.Count);
        Assert.Empty((await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray());

        var again = await app.ResumePartnerAsync();
        Assert.Equal((false, 0, 0), (again.Json.GetProperty("wasPaused").GetBoolean(), again.Json.GetProperty("leadsSent").GetInt32(), again.Json.GetProperty("noticesSent").GetInt32()));
        Assert.Equal(404, (await app.ResumePartnerAsync("nobody")).Status);
        Assert.Equal(400, (await app.ResumePartnerAsync("Not An Id")).Status);
    }

    [Fact]
    public async Task A_scheduled_retry_is_left_alone_by_stray_copies_the_poison_handler_and_the_sweep_until_it_is_overdue()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Delivery:RetrySchedule"] = "1:00:00" });
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        receiver.Script(503, 503, 503);
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));
        Assert.Equal(1, await app.DeliverAllAsync());
        var sweep = app.Function<OutboxSweepFunction>();
        var owed = Assert.Single(await OwedRowsAsync(app));

        // A stray copy of its message (a duplicate, an old delayed one) posts nothing and spends no attempt; a poisoned
        // copy records no dead letter: the scheduled attempt decides.
        var queues = app.Services.GetRequiredService<SubmissionsQueues>();
        await queues.SendDeliveryAsync(owed.PartitionKey, owed.GetString("DeliveryId"), TestContext.Current.CancellationToken);
        Assert.Equal(1, await app.DeliverAllAsync());
        await app.Function<PartnerDeliveryFunctions>().RecordDeadLetterAsync(
            ToQueueMessage(new PartnerDeliveryMessage(owed.PartitionKey, owed.GetString("DeliveryId")).ToJson()), TestContext.Current.CancellationToken);
        Assert.Equal(3, receiver.Received.Count);
        Assert.Equal((1, OwedDeliveryEntity.Owed), (Assert.Single(await OwedRowsAsync(app)).GetInt32("Attempts"), Assert.Single(await OwedRowsAsync(app)).GetString("Status")));
        Assert.Empty((await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray());
        var sentBefore = app.QueueMessages.Sent.Count;

        // Owed for longer than the sweep age, but its retry is due in an hour and its message is on its way.
        app.Time.Advance(TimeSpan.FromMinutes(30));
        await sweep.SweepAsync(null!, TestContext.Current.CancellationToken);
        Assert.Equal(sentBefore, app.QueueMessages.Sent.Count);

        // Due an hour ago plus the sweep age, and still owed: its message was lost, so the sweep sends it again.
        app.Time.Advance(TimeSpan.FromMinutes(41));
        await sweep.SweepAsync(null!, TestContext.Current.CancellationToken);
        Assert.Equal(sentBefore + 1, app.QueueMessages.Sent.Count);
        Assert.Equal(1, await app.DeliverAllAsync());
        Assert.Equal(OwedDeliveryEntity.Delivered, Assert.Single(await OwedRowsAsync(app)).GetString("Status"));
        Assert.Equal(4, receiver.Received.Count);
    }

    private static Azure.Storage.Queues.Models.QueueMessage ToQueueMessage(string text) =>
        Azure.Storage.Queues.Models.QueuesModelFactory.QueueMessage("stray", "receipt", BinaryData.FromString(text), dequeueCount: 5);

    private static async Task<List<Azure.Data.Tables.TableEntity>> OwedRowsAsync(TestApp app) =>
        [.. (await app.Tables.Promotions.RowsAsync()).Where(row => row.RowKey.StartsWith(OwedDeliveryEntity.RowKeyPrefix, StringComparison.Ordinal))];

    private static (string Email, string PromotionId) Lead(ReceivedWebhook webhook)
    {
        using var body = JsonDocument.Parse(webhook.Body);
        return (body.RootElement.GetProperty("data").GetProperty("email").GetString()!, body.RootElement.GetProperty("promotionId").GetString()!);
    }


    /// <summary>The host polling its queue for a while: delayed messages run as they become visible.</summary>
    private static async Task RunForAsync(QueueTriggerHost host, TimeSpan period)
    {
        var until = DateTime.UtcNow + period;
        while (DateTime.UtcNow < until)
        {
            if (await host.RunOnceAsync() == 0)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }
    }

    private static async Task RunUntilAsync(QueueTriggerHost host, Func<bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < until, "The leads did not all arrive in time.");
            if (await host.RunOnceAsync() == 0)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }
    }
}
