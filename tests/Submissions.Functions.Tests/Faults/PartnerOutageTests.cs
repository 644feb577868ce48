using System.Net;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using PartnerReceiver;
using Submissions.Functions.Queues;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Queues;

namespace Submissions.Functions.Tests.Faults;

/// <summary>
/// A partner that is down, slow or failing for good, across the retry schedule's attempts (each a queue message of its
/// own, played by <see cref="QueueTriggerHost"/>; the tests' schedule retries without waiting): one lead, one
/// webhook-id, one disclosure — or a dead letter an admin can retry. Each test has its own tables on the class's Azurite.
/// </summary>
public sealed class PartnerOutageTests(FaultStorage storage) : IClassFixture<FaultStorage>
{
    private static readonly string[] DemoFields = ["email", "name"];

    [Fact]
    public async Task A_partner_down_for_a_while_gets_the_lead_once_on_a_scheduled_retry()
    {
        await using var app = await StartAppAsync();
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));
        var host = QueueTriggerHost.Deliveries(app);

        // Down: every in-process try (one POST and Delivery:MaxRetries 2 more) loses its connection unanswered, so
        // the next attempt is scheduled: a new message, the current one done with.
        receiver.Down = true;
        Assert.Equal(1, await host.RunOnceAsync());
        Assert.Equal(3, receiver.Dropped);

        // Back, but overloaded for one more invocation; then well.
        receiver.Down = false;
        receiver.Script(503, 503, 503);
        await host.RunUntilEmptyAsync();

        Assert.Equal(["done", "done", "done"], host.Outcomes);
        Assert.Equal(4, receiver.Received.Count);
        Assert.All(receiver.Received, webhook => Assert.Equal(VerificationResult.Valid, webhook.Verification));
        var webhookId = Assert.Single(receiver.Received.Select(webhook => webhook.WebhookId).Distinct());
        var disclosure = Assert.Single(await app.Tables.Disclosures.RowsAsync());
        Assert.Equal(("delivered", webhookId, 3), (disclosure.GetString("Outcome"), disclosure.GetString("WebhookId"), disclosure.GetInt32("Attempts")));
        Assert.Empty((await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray());
    }

    [Fact]
    public async Task A_partner_slower_than_every_attempt_gets_the_lead_on_the_scheduled_retry_and_processes_it_once()
    {
        await using var app = await StartAppAsync(new() { ["Delivery:AttemptTimeoutSeconds"] = "1" });
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            receiver.Script(204, TimeSpan.FromSeconds(2.5));
        }

        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));
        var host = QueueTriggerHost.Deliveries(app);
        await host.RunUntilEmptyAsync();

        Assert.Equal(["done", "done"], host.Outcomes);
        Assert.Equal(4, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(webhook => webhook.WebhookId).Distinct());
        Assert.Single(await app.Tables.Disclosures.RowsAsync());

        // The partner got all four (the slow ones arrived, only their answers were late): one webhook-id, so the
        // reference receiver processes the first and acknowledges the rest as replays.
        await using var sample = await SampleReceiver.StartAsync(app.SigningSecret(), app.Time);
        var verdicts = new List<HttpStatusCode>();
        foreach (var webhook in receiver.Received)
        {
            verdicts.Add(await sample.PostAsync(webhook, webhook.Body));
        }

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], verdicts);
    }

    [Fact]
    public async Task A_lead_that_timed_out_then_got_a_400_stays_disclosed_as_possibly_delivered_and_erasure_tells_the_partner()
    {
        await using var app = await StartAppAsync(new() { ["Delivery:AttemptTimeoutSeconds"] = "1" });
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);

        // Slower than the attempt timeout on every in-process try (the partner reads each body, its answer comes too
        // late), then a 400 on the scheduled retry.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            receiver.Script(204, TimeSpan.FromSeconds(2.5));
        }

        receiver.Script(400);
        var email = RegistrationForms.NewEmail();
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true));
        var host = QueueTriggerHost.Deliveries(app);
        await host.RunUntilEmptyAsync();

        Assert.Equal(["done", "done"], host.Outcomes);
        Assert.Equal(4, receiver.Received.Count);
        var deliveryId = Assert.Single(receiver.Received.Select(webhook => webhook.WebhookId).Distinct());
        var dead = Assert.Single((await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray());
        Assert.Equal("http-400", dead.GetProperty("reason").GetString());

        // The partner holds four lead bodies: the disclosure stands, as possibly delivered, and the person sees it.
        var disclosure = Assert.Single(await app.Tables.Disclosures.RowsAsync());
        Assert.Equal((deliveryId, "possibly-delivered", "email,name"), (disclosure.RowKey, disclosure.GetString("Outcome"), disclosure.GetString("FieldNames")));
        var shown = Assert.Single((await app.AccessAsync(email)).Json.GetProperty("disclosures").EnumerateArray());
        Assert.Equal((deliveryId, "possibly-delivered"), (shown.GetProperty("deliveryId").GetString(), shown.GetProperty("outcome").GetString()));

        // Erasure owes that partner its subject.erased, naming the delivery.
        var erasure = await app.EraseAsync(email);
        Assert.Equal(200, erasure.Status);
        var owed = Assert.Single(erasure.Json.GetProperty("notices").EnumerateArray());
        Assert.Equal(("demo-partner", "subject.erased"), (owed.GetProperty("partnerId").GetString(), owed.GetProperty("type").GetString()));
        var notice = Assert.Single(await app.Tables.Notices.RowsAsync());
        Assert.Equal(deliveryId, notice.GetString("DeliveryIds"));
    }

    [Fact]
    public async Task A_lead_refused_before_any_request_started_leaves_no_disclosure()
    {
        await using var app = await StartAppAsync();
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var email = RegistrationForms.NewEmail();
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true));

        // The partner is switched off before the delivery runs: refused before posting, nothing ever left.
        await app.PutPartnerAsync("demo-partner", new { name = "Demo Partner Ltd", webhookUrl = receiver.Url, fields = DemoFields, active = false });
        await QueueTriggerHost.Deliveries(app).RunUntilEmptyAsync();

        Assert.Empty(receiver.Received);
        Assert.Empty(await app.Tables.Disclosures.RowsAsync());
        Assert.Empty((await app.EraseAsync(email)).Json.GetProperty("notices").EnumerateArray());
    }

    [Fact]
    public async Task A_delivery_that_fails_every_time_is_dead_lettered_once_its_retry_schedule_is_spent_and_an_admin_retry_delivers_it_once()
    {
        await using var app = await StartAppAsync();
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        receiver.DefaultStatus = 500;
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));
        var host = QueueTriggerHost.Deliveries(app);
        var deadLetters = await DeadLetterHostAsync(app);

        await host.RunUntilEmptyAsync();
        await deadLetters.RunUntilEmptyAsync();

        // The first attempt and the tests' schedule's four retries; none threw, so nothing was poisoned.
        const int tries = 5;
        Assert.Equal(Enumerable.Repeat("done", tries), host.Outcomes);
        Assert.Equal(tries * 3, receiver.Received.Count); // each invocation: one POST and Delivery:MaxRetries (2) more
        Assert.Empty(deadLetters.Outcomes);
        var dead = Assert.Single((await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray());
        Assert.Equal(("http-500", tries, "delivery"), (dead.GetProperty("reason").GetString(), dead.GetProperty("attempts").GetInt32(), dead.GetProperty("kind").GetString()));

        receiver.DefaultStatus = 204;
        Assert.Equal(202, (await app.RetryDeliveryAsync(dead.GetProperty("deliveryId").GetString()!)).Status);
        await host.RunUntilEmptyAsync();

        Assert.Equal("done", host.Outcomes[^1]);
        Assert.Equal(tries * 3 + 1, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(webhook => webhook.WebhookId).Distinct());
        Assert.Equal("delivered", Assert.Single(await app.Tables.Disclosures.RowsAsync()).GetString("Outcome"));
        Assert.Empty((await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray());
    }

    [Fact]
    public async Task A_message_that_is_not_a_delivery_or_notice_is_dropped_at_once_not_retried_into_the_poison_queue()
    {
        await using var app = await StartAppAsync();
        var queues = app.Services.GetRequiredService<SubmissionsQueues>();
        string[] malformed = ["not json", "{}", "null", "{\"promotionId\":\"Not/An Id\",\"deliveryId\":\"0123\"}", "{\"partnerId\":\"demo-partner\"}"];
        foreach (var text in malformed)
        {
            await queues.PartnerDeliveries.SendMessageAsync(text, TestContext.Current.CancellationToken);
            await queues.PartnerNotices.SendMessageAsync(text, TestContext.Current.CancellationToken);
        }

        var deliveries = QueueTriggerHost.Deliveries(app);
        var notices = new QueueTriggerHost(queues.PartnerNotices, queues.PartnerNoticesPoison, app.Function<PartnerNoticeFunctions>().DeliverAsync);
        await deliveries.RunUntilEmptyAsync();
        await notices.RunUntilEmptyAsync();

        // Retrying cannot mend a message; it would only end, after maxDequeueCount tries, in a poison queue whose own
        // function fails on it too.
        Assert.Equal(Enumerable.Repeat("done", malformed.Length), deliveries.Outcomes);
        Assert.Equal(Enumerable.Repeat("done", malformed.Length), notices.Outcomes);
        Assert.Empty((await queues.PartnerDeliveriesPoison.PeekMessagesAsync(cancellationToken: TestContext.Current.CancellationToken)).Value);
        Assert.Empty((await queues.PartnerNoticesPoison.PeekMessagesAsync(cancellationToken: TestContext.Current.CancellationToken)).Value);
        Assert.Equal(malformed.Length * 2, app.Logs.GetSnapshot().Count(record => record.Id.Id is 2108 or 2207));
    }

    /// <summary>An app with tables and queues of its own, so each test counts only its own deliveries.</summary>
    private Task<TestApp> StartAppAsync(Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        settings["Storage:TablePrefix"] = "p" + Guid.NewGuid().ToString("N")[..10];
        return storage.StartAppAsync(settings, initializeStorage: true);
    }


    /// <summary>The poison queue's own trigger; what it cannot handle would go to "-poison-poison", which nothing reads.</summary>
    private static async Task<QueueTriggerHost> DeadLetterHostAsync(TestApp app)
    {
        var queues = app.Services.GetRequiredService<SubmissionsQueues>();
        var unread = app.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(queues.PartnerDeliveriesPoison.Name + "-poison");
        await unread.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
        return new QueueTriggerHost(queues.PartnerDeliveriesPoison, unread, app.Function<PartnerDeliveryFunctions>().RecordDeadLetterAsync);
    }
}
