using PartnerReceiver;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Functions.Timers;

namespace Submissions.Functions.Tests.Faults;

/// <summary>
/// Storage down between a promotion entry's transaction and its queue message: the entry and the delivery it owes are
/// already durable together (the outbox), so the answer is still 201; once storage is back the outbox sweep sends the
/// message and the partner gets the lead exactly once.
/// </summary>
public sealed class EnqueueOutageTests(FaultStorage storage) : IClassFixture<FaultStorage>
{
    [Fact]
    public async Task An_entry_whose_queue_message_is_lost_to_an_outage_is_201_and_the_outbox_sweep_delivers_it_once()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var gate = new OutageGate(storage);
        await using var entry = new EntryInOutage();
        await entry.PrepareAsync(storage, gate);
        var app = entry.App;
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);

        var tap = gate.Start(6, afterAnswer: false, entry.SubmitAsync);
        TestResponse response;
        try
        {
            await gate.GoDownWhenAllParkedAsync();
            response = await tap.Result;
        }
        finally
        {
            // Back up even when the outage part failed: the class's other tests (and cases) run on this Azurite.
            await storage.ComeBackAsync();
        }

        Assert.Equal("POST partner-deliveries", tap.ParkedAt);
        Assert.True(response.Status == 201, $"Expected 201, got {response.Status}: {response.Body}");
        Assert.Empty(await app.TakeDeliveryMessagesAsync());

        var sweep = app.Function<OutboxSweepFunction>();
        await sweep.SweepAsync(null!, cancellation);
        Assert.Equal(0, await app.DeliverAllAsync());
        app.Time.Advance(TimeSpan.FromMinutes(11));
        await sweep.SweepAsync(null!, cancellation);
        Assert.Equal(1, await app.DeliverAllAsync());

        var webhook = Assert.Single(receiver.Received);
        Assert.Equal(VerificationResult.Valid, webhook.Verification);
        var disclosure = Assert.Single(await app.Tables.Disclosures.RowsAsync());
        Assert.Equal(("delivered", webhook.WebhookId), (disclosure.GetString("Outcome"), disclosure.GetString("WebhookId")));

        // Delivered: later sweeps leave it alone.
        app.Time.Advance(TimeSpan.FromMinutes(11));
        await sweep.SweepAsync(null!, cancellation);
        Assert.Equal(0, await app.DeliverAllAsync());
        Assert.Single(receiver.Received);
    }
}
