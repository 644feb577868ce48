using System.Net;
using Azure.Storage.Queues.Models;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Queues;

namespace Submissions.Functions.Tests.Faults;

/// <summary>
/// Storage down while deliveries are being recorded, after the partner accepted them: one before it was marked
/// delivered, one between that and completing its disclosure. Both invocations fail; once storage is back the host's
/// retries finish them — one re-posts under the same webhook-id, which the partner de-duplicates, the other only
/// completes its disclosure — and each ends with one delivered disclosure.
/// </summary>
public sealed class StorageDownMidDeliveryTests(FaultStorage storage) : IClassFixture<FaultStorage>
{
    // A delivery's storage requests: owed row; entry, the person's ledger in its partition and the partner (together);
    // the lease with what is about to be posted, and the pending disclosure (together); the tombstone with the sharing
    // label's records in the person's partition; then, after the POST, these two, together (the row's write started first).
    private const int MarkDelivered = 8;
    private const int CompleteDisclosure = 9;

    [Fact]
    public async Task Deliveries_cut_off_after_the_partner_accepted_them_are_finished_by_the_retry_with_one_disclosure_each()
    {
        var gate = new OutageGate(storage);
        await using var app = await storage.StartAppAsync(fault: gate);
        await app.WarmCatalogAsync();
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        for (var i = 0; i < 2; i++)
        {
            await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));
        }

        var messages = await app.TakeDeliveryMessagesAsync();
        Assert.Equal(2, messages.Count);
        var taps = new[] { MarkDelivered, CompleteDisclosure }
            .Select((request, i) => gate.Start(request, afterAnswer: false, () => OutcomeAsync(app, messages[i])))
            .ToList();
        string[] outcomes;
        try
        {
            await gate.GoDownWhenAllParkedAsync();
            outcomes = await Task.WhenAll(taps.Select(tap => tap.Result));
        }
        finally
        {
            // Back up even when the outage part failed: the class's other tests (and cases) run on this Azurite.
            await storage.ComeBackAsync();
        }

        Assert.Equal(["PUT Promotions", "PUT Disclosures"], taps.Select(tap => tap.ParkedAt));
        Assert.All(outcomes, outcome => Assert.NotEqual("done", outcome));
        Assert.Equal(2, receiver.Received.Count);

        // The host retries each message after its visibility timeout (host.json: 2 minutes): by then the first
        // attempt's lease on the delivery has run out.
        app.Time.Advance(TimeSpan.FromMinutes(2));
        foreach (var message in messages)
        {
            await app.DeliverAsync(message);
        }

        // Only the one cut off before it was marked delivered is posted again.
        var reposted = PartnerDeliveryMessage.FromJson(messages[0].Body.ToString())!.DeliveryId;
        Assert.Equal(3, receiver.Received.Count);
        Assert.Equal(reposted, receiver.Received.Last().WebhookId);
        Assert.Equal(2, receiver.Received.Select(webhook => webhook.WebhookId).Distinct().Count());
        var disclosures = await app.Tables.Disclosures.RowsAsync();
        Assert.Equal(2, disclosures.Count);
        Assert.All(disclosures, row => Assert.Equal("delivered", row.GetString("Outcome")));
        await using var sample = await SampleReceiver.StartAsync(app.SigningSecret(), app.Time);
        var verdicts = new List<HttpStatusCode>();
        foreach (var webhook in receiver.Received)
        {
            verdicts.Add(await sample.PostAsync(webhook, webhook.Body));
        }

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.OK], verdicts);
    }

    private static async Task<string> OutcomeAsync(TestApp app, QueueMessage message)
    {
        try
        {
            await app.DeliverAsync(message);
            return "done";
        }
#pragma warning disable CA1031 // Whatever it throws, the host would retry the message: the test only records what.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ex.GetType().Name;
        }
    }
}
