using Azure.Core;
using Microsoft.Extensions.Azure;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Promotions;

namespace Submissions.Functions.Tests.Deliveries;

/// <summary>
/// A delivery's storage cost as deployed (the partner definition from the read cache): its round trips, counted by the
/// SDK pipeline policy, and its sequential stages — requests issued together share one — held exactly.
/// </summary>
public sealed class DeliveryStageTests(AzuriteFixture azurite)
{
    private static readonly string[] EmailOnly = ["email"];

    [Fact]
    public async Task A_delivery_costs_eight_round_trips_in_five_sequential_stages()
    {
        var stages = new StorageStages();
        await using var app = await StartAsync(stages);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var messages = await EnterAsync(app, 2);

        // The first warms the catalog, the partner's cached definition and the HTTP connection; the second is counted.
        await app.DeliverAsync(messages[0]);
        IReadOnlyList<IReadOnlyList<string>> recorded = [];
        var trips = await app.Requests.CountAsync(async () => recorded = await stages.RecordAsync(() => app.DeliverAsync(messages[1])));

        // 1: the owed row. 2: the entry and the person's ledger records in its partition. 3: the lease with what is about
        // to be posted on the owed row, beside the disclosure recorded as pending. 4: the person's tombstone and own
        // records of the sharing label, in one query. Then the POST; 5: the row marked delivered beside the disclosure completed.
        Assert.Equal(
            [["GET Promotions"], ["GET Promotions", "GET Promotions"], ["PUT Disclosures", "PUT Promotions"], ["GET Subjects"], ["PUT Disclosures", "PUT Promotions"]],
            recorded);
        Assert.InRange(trips, 0, 8);
        Assert.InRange(recorded.Count, 0, 5);
        Assert.Equal(2, receiver.Received.Count);
        Assert.All(await app.Tables.Disclosures.RowsAsync(), row => Assert.Equal("delivered", row.GetString("Outcome")));
    }

    [Fact]
    public async Task A_cached_partner_definition_never_refuses_a_delivery_the_stored_one_allows()
    {
        await using var app = await StartAsync(new StorageStages());
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        Assert.InRange((await app.PutPartnerAsync("demo-partner", new { name = "Demo Partner Ltd", webhookUrl = receiver.Url, fields = EmailOnly, active = false })).Status, 200, 201);
        var messages = await EnterAsync(app, 2);

        // Inactive as stored: refused on a fresh read (a dead letter), and the cache now holds the inactive partner.
        await app.DeliverAsync(messages[0]);
        Assert.Empty(receiver.Received);
        Assert.Single((await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray());

        // Active again: the cached copy says inactive, but a refusal is only ever made on the partner as stored now.
        await app.PointDemoPartnerAtAsync(receiver.Url);
        await app.DeliverAsync(messages[1]);

        Assert.Single(receiver.Received);
        var delivered = (await app.Tables.Promotions.RowsAsync()).Where(row => row.RowKey.StartsWith(OwedDeliveryEntity.RowKeyPrefix, StringComparison.Ordinal));
        Assert.Equal(["delivered", "failed"], delivered.Select(row => row.GetString("Status")).Order(StringComparer.Ordinal));
    }

    private async Task<TestApp> StartAsync(StorageStages stages)
    {
        var app = await TestApp.StartAsync(
            azurite.ConnectionString,
            new Dictionary<string, string?> { ["ReadCache:PartnerSeconds"] = "60" },
            services: services => services.AddAzureClients(clients => clients.ConfigureDefaults(options => options.AddPolicy(stages, HttpPipelinePosition.PerRetry))));
        stages.TablePrefix = app.Tables.Subjects.Name[..^"Subjects".Length];
        return app;
    }

    private static async Task<List<Azure.Storage.Queues.Models.QueueMessage>> EnterAsync(TestApp app, int entries)
    {
        for (var i = 0; i < entries; i++)
        {
            Assert.Equal(201, (await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true))).Status);
        }

        var messages = await app.TakeDeliveryMessagesAsync();
        while (messages.Count < entries)
        {
            messages.AddRange(await app.TakeDeliveryMessagesAsync());
        }

        return messages;
    }
}
