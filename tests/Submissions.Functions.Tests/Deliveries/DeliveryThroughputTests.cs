using System.Diagnostics;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Deliveries;

/// <summary>
/// Deliveries through the trigger logic against a loopback receiver: the storage round trips of one delivery are held
/// exactly (counted by the SDK pipeline policy); the rate is reported, not asserted.
/// </summary>
public sealed class DeliveryThroughputTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task One_delivery_costs_a_fixed_number_of_round_trips_and_the_rate_is_reported()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        const int deliveries = 100;
        for (var i = 0; i < deliveries + 1; i++)
        {
            await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));
        }

        var messages = await app.TakeDeliveryMessagesAsync();
        while (messages.Count < deliveries + 1)
        {
            messages.AddRange(await app.TakeDeliveryMessagesAsync());
        }

        // Warm the catalog cache and the HTTP connection with the first one, then count one.
        await app.DeliverAsync(messages[0]);
        var trips = await app.Requests.CountAsync(() => app.DeliverAsync(messages[1]));

        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(messages.Skip(2), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (message, _) => await app.DeliverAsync(message));
        clock.Stop();

        // Reads: owed row; entry, the person's ledger records in its partition and the partner (concurrently; the partner
        // cache is off here, as in every test that reads its own writes); the tombstone with the person's own records of
        // the sharing label (one query). Writes: the owed row claimed (ETag) together with what is about to be posted,
        // beside the disclosure recorded as pending, both before the checks; after the partner's 2xx the row marked
        // delivered beside the disclosure completed. With the partner cached: 8 (DeliveryStageTests).
        Assert.Equal(9, trips);
        Assert.Equal(deliveries + 1, receiver.Received.Count);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Partner deliveries: {(deliveries - 1) / clock.Elapsed.TotalSeconds:F0}/s at concurrency 8 ({deliveries - 1} in {clock.Elapsed.TotalMilliseconds:F0} ms), {trips} storage round trips + 1 POST each");
    }
}
