using System.Collections.Concurrent;
using Azure.Storage.Queues.Models;
using PartnerReceiver;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Functions.Timers;
using Submissions.Storage.Queues;
using Submissions.Storage.Subjects;

namespace Submissions.Functions.Tests.Concurrency;

/// <summary>
/// 25 people whose promotion entries are shared with the partner (deliveries owed and queued), then their 25 deliveries
/// (the real DeliverToPartner against a loopback partner that takes a while to answer; each message twice, as queues
/// deliver at least once) and their erasures all at once, shuffled, while the notice queue is processed beside them
/// — as the Functions host would. So that both outcomes surely occur whatever the interleaving, a few leads are
/// delivered before the storm (their erasures must tell the partner) and a few people are erased before it (their
/// deliveries must send nothing); the rest race. What must hold afterwards, per person (docs/data-model.md, "The
/// tombstone stops deliveries"):
/// - the partner got their lead at most once, and only before their erasure finished — never after it answered 200;
/// - a lead the partner got is named in a subject.erased notice the partner got after it had answered that lead (a
///   notice that overtook the lead would have the partner delete nothing and then keep the lead). A notice may also
///   name a lead that was stopped after it recorded its pending disclosure: being told too much is harmless;
/// - nothing of the person is left in any table but the finished tombstone: no entry, owed delivery, receipt, ledger
///   row, index row, disclosure or dead letter; what proves the partner was told is the notice row (ids only), owed in
///   the tombstone's report and delivered;
/// - no 5xx; the only retries are the documented ones (the queue retrying a TransientDeliveryException, the erasure's
///   503 with Retry-After), and each is repeated until done: every erasure answer is one of those 503s or its final
///   200. Sweeps afterwards send nothing more.
/// A bystander's delivery in the same storm goes through untouched.
/// </summary>
public sealed class ErasureDeliveryStormTests(AzuriteFixture azurite)
{
    private const int People = 25;

    /// <summary>How many people have their lead delivered before the storm, and how many are erased before it.</summary>
    private const int SettledBefore = 3;

    [Fact]
    public async Task Deliveries_and_erasures_interleaved_leave_every_person_either_never_sent_or_sent_and_told()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var pageId = CommentForms.NewPageId();
        var entrants = await Storm.RunAsync(People, _ => Entrant.CreateAsync(app, pageId));
        var bystander = await Entrant.CreateAsync(app, pageId);
        var messages = await app.TakeAllDeliveryMessagesAsync(People + 1);

        // Settled before the storm: these leads went out (their messages come again in it, as duplicates), and these
        // people are erased (their messages come in it only afterwards, as a late queue would hand them out).
        var deliveredFirst = entrants[..SettledBefore];
        var erasedFirst = entrants[SettledBefore..(2 * SettledBefore)];
        foreach (var message in messages.Where(message => deliveredFirst.Any(entrant => entrant.IsFor(message))))
        {
            await PartnerTraffic.ProcessAsync(() => app.DeliverAsync(message));
        }

        Assert.Equal(SettledBefore, receiver.Received.Count);
        var erasures = new ConcurrentDictionary<string, ErasureRun>(StringComparer.Ordinal);
        foreach (var entrant in erasedFirst)
        {
            erasures[entrant.Email] = await ErasureRun.UntilDoneAsync(app, entrant.Email);
        }

        // The partner takes a while over each webhook, so erasures land while leads are on the wire.
        receiver.DefaultDelay = TimeSpan.FromMilliseconds(150);
        await RunInterleavedAsync(app, messages, entrants.Except(erasedFirst), erasures);

        // Then what follows: the notices still queued, and the sweeps once everything owed would be old enough.
        await DrainAsync(app);
        var eventsBeforeSweep = receiver.Received.Count;
        app.Time.Advance(TimeSpan.FromMinutes(11));
        await app.Function<OutboxSweepFunction>().SweepAsync(null!, CancellationToken.None);
        await DrainAsync(app);
        Assert.Equal(eventsBeforeSweep, receiver.Received.Count);

        Assert.All(receiver.Received, webhook => Assert.Equal(VerificationResult.Valid, webhook.Verification));
        var events = receiver.Received.Select(PartnerEvent.From).ToList();
        Assert.All(events.GroupBy(e => e.WebhookId), copies => Assert.Single(copies));
        var rows = await app.AllRowsAsync();
        var sent = entrants.ToDictionary(entrant => entrant, entrant => entrant.AssertErasedConsistently(erasures[entrant.Email], events, rows));

        // Both outcomes were exercised: leads delivered then told about, and leads the erasure stopped.
        Assert.All(deliveredFirst, entrant => Assert.True(sent[entrant], "A lead delivered before the storm is missing."));
        Assert.All(erasedFirst, entrant => Assert.False(sent[entrant], "A lead went out after its person's erasure had finished."));

        // The bystander's lead went once and stays disclosed; nobody was told anything about it.
        Assert.Single(events, e => e.Type == PartnerEvent.Lead && e.DeliveryIds.Contains(bystander.DeliveryId));
        Assert.DoesNotContain(events, e => e.Type == PartnerEvent.Erased && e.DeliveryIds.Contains(bystander.DeliveryId));
        var disclosure = Assert.Single(rows, pair => pair.Table == app.Tables.Disclosures.Name);
        Assert.Equal((bystander.Subject, bystander.DeliveryId, "delivered"), (disclosure.Row.PartitionKey, disclosure.Row.RowKey, disclosure.Row.GetString("Outcome")));
        Assert.Equal($"demo-partner-sharing:1:{bystander.EntryReceiptId}", disclosure.Row.GetString("Consents"));

        // Every notice owed was delivered, and nothing failed for good.
        Assert.All(rows.Where(pair => pair.Table == app.Tables.Notices.Name), pair => Assert.Equal("delivered", pair.Row.GetString("Status")));
        Assert.DoesNotContain(rows, pair => pair.Table == app.Tables.DeliveryFailures.Name);
    }

    /// <summary>
    /// Every delivery message twice (queues deliver at least once), started within 40 ms, and every erasure of
    /// <paramref name="entrants"/>, spread over 250 ms — before a delivery's checks, during its POST, after — in a
    /// shuffled order, with the notice queue processed beside them. Adds each person's erasure run to <paramref name="erasures"/>.
    /// </summary>
    private static async Task RunInterleavedAsync(TestApp app, List<QueueMessage> messages, IEnumerable<Entrant> entrants, ConcurrentDictionary<string, ErasureRun> erasures)
    {
        var random = new Random(People);
        var operations = messages.Concat(messages)
            .Select(message => (Run: (Func<Task>)(() => PartnerTraffic.ProcessAsync(() => app.DeliverAsync(message))), Delay: random.Next(40)))
            .Concat(entrants.Select(entrant => (Run: (Func<Task>)(async () => erasures[entrant.Email] = await ErasureRun.UntilDoneAsync(app, entrant.Email)), Delay: random.Next(250))))
            .OrderBy(_ => random.Next())
            .ToList();
        using var stop = new CancellationTokenSource();
        var notices = app.PumpNoticesAsync(stop.Token);
        await Storm.RunAsync(operations.Count, async i =>
        {
            await Task.Delay(operations[i].Delay, TestContext.Current.CancellationToken);
            await operations[i].Run();
            return i;
        });
        await stop.CancelAsync();
        await notices;
    }

    private static async Task DrainAsync(TestApp app)
    {
        while (true)
        {
            var deliveries = await app.TakeDeliveryMessagesAsync();
            var notices = await app.TakeNoticeMessagesAsync();
            if (deliveries.Count + notices.Count == 0)
            {
                return;
            }

            await Task.WhenAll(deliveries.Select(message => PartnerTraffic.ProcessAsync(() => app.DeliverAsync(message)))
                .Concat(notices.Select(message => PartnerTraffic.ProcessAsync(() => app.DeliverNoticeAsync(message)))));
        }
    }

    /// <summary>A person with a registration, a comment and an entry shared with the partner; every value of theirs is their own.</summary>
    private sealed record Entrant(string Email, string Subject, string DeliveryId, string EntryReceiptId, IReadOnlyList<string> Traces)
    {
        public static async Task<Entrant> CreateAsync(TestApp app, string pageId)
        {
            var email = RegistrationForms.NewEmail();
            var mark = Guid.NewGuid().ToString("N")[..10];
            var name = $"Entrant {mark}";
            var registered = await app.PostAsync(RegistrationForms.Body(email, name, consents: RegistrationForms.Consents(offers: true)));
            var commented = await app.PostCommentAsync(CommentForms.Body(pageId, $"Comment {mark} by an entrant.", name, email));
            var entered = await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true, name: name, fields: new { answer = $"A{mark}" }));
            Assert.Equal([201, 201, 201], new[] { registered.Status, commented.Status, entered.Status });
            var subject = app.SubjectOf(email).Value;
            var owed = Assert.Single(await app.Tables.Promotions.RowsAsync(), row => row.RowKey.StartsWith("delivery~", StringComparison.Ordinal) && row.GetString("SubjectKey") == subject);
            string[] ids = [.. new[] { registered, commented, entered }.SelectMany(response => new[] { response.Json.GetProperty("id").GetString()!, response.Json.GetProperty("receipt").GetProperty("id").GetString()! })];
            return new Entrant(email, subject, owed.GetString("DeliveryId"), owed.GetString("ReceiptId"), [email, subject, mark, .. ids]);
        }

        public bool IsFor(QueueMessage message) =>
            PartnerDeliveryMessage.FromJson(message.Body.ToString())?.DeliveryId == DeliveryId;

        /// <summary>Asserts what must hold for this person after the storm; returns whether the partner got their lead.</summary>
        public bool AssertErasedConsistently(ErasureRun erasure, IReadOnlyList<PartnerEvent> events, IReadOnlyList<(string Table, Azure.Data.Tables.TableEntity Row)> rows)
        {
            erasure.AssertOnlyDocumentedAnswers();
            var report = erasure.Final.Json;
            Assert.True(report.GetProperty("complete").GetBoolean());
            Assert.Equal(1, report.GetProperty("removed").GetProperty("promotionEntries").GetInt32());
            var reported = report.GetProperty("notices").EnumerateArray().Select(notice => notice.GetProperty("noticeId").GetString()!).ToHashSet();
            var told = events.Where(e => e.Type == PartnerEvent.Erased && e.DeliveryIds.Contains(DeliveryId)).ToList();
            Assert.All(told, notice => Assert.Contains(notice.WebhookId, reported));

            var leads = events.Where(e => e.Type == PartnerEvent.Lead && e.DeliveryIds.Contains(DeliveryId)).ToList();
            if (leads.Count == 1)
            {
                var lead = leads[0];
                Assert.True(lead.ArrivedAt < erasure.CompletedAt, "A lead reached the partner after the erasure had finished.");
                Assert.Contains(told, notice => notice.ArrivedAt > lead.AnsweredAt);
                Assert.DoesNotContain(told, notice => notice.ArrivedAt < lead.AnsweredAt);
            }
            else
            {
                Assert.Empty(leads);
            }

            // Nothing of theirs anywhere but the finished tombstone (notices carry delivery ids, which are not theirs).
            var trace = Assert.Single(rows, pair => Traces.Any(pair.Row.Mentions));
            Assert.Equal((Subject, TombstoneEntity.TombstoneRowKey, TombstoneEntity.Complete), (trace.Row.PartitionKey, trace.Row.RowKey, trace.Row.GetString("Status")));
            return leads.Count == 1;
        }
    }
}
