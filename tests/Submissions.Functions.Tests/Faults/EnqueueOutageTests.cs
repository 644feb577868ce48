using PartnerReceiver;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Functions.Timers;

namespace Submissions.Functions.Tests.Faults;

/// <summary>
/// Storage down between the transaction that confirms a promotion entry and its delivery's queue message (issue 17: the
/// entry and the delivery it owes are written when its owner confirms): the entry and the delivery are already durable
/// together (the outbox), so the confirmation still answers 200 "confirmed"; once storage is back the outbox sweep sends
/// the message and the partner gets the lead exactly once.
/// </summary>
public sealed class EnqueueOutageTests(FaultStorage storage) : IClassFixture<FaultStorage>
{
    [Fact]
    public async Task An_entry_whose_delivery_message_is_lost_to_an_outage_when_confirmed_is_confirmed_and_the_outbox_sweep_delivers_it_once()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var gate = new OutageGate(storage);
        await using var entry = new EntryInOutage();
        await entry.PrepareAsync(storage, gate);
        var app = entry.App;
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);

        var submitted = await entry.SubmitPendingAsync();
        Assert.Equal(201, submitted.Status);
        var confirmationId = await entry.PendingConfirmationIdAsync(submitted);

        // Confirming: the pending row's query (issue 18: no pointer read before it), the entry's index row, the
        // transaction, the pending row's index row removed, then the delivery's message.
        var tap = gate.Start(5, afterAnswer: false, () => app.ConfirmAsync(confirmationId!));
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
        Assert.True(response.Status == 200, $"Expected 200, got {response.Status}: {response.Body}");
        Assert.Equal("confirmed", response.Json.GetProperty("status").GetString());
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
