using System.Collections.Concurrent;
using Azure.Data.Tables;
using Submissions.Application.Deliveries;
using Submissions.Application.Partners;
using Submissions.Benchmarks.Hosting;
using Submissions.Benchmarks.Http;
using Submissions.Benchmarks.Measuring;
using Submissions.Benchmarks.Reporting;
using Submissions.Benchmarks.Scenarios.Confirming;
using Submissions.Benchmarks.Scenarios.Forms;
using Submissions.Domain.Forms;
using Submissions.Storage.Promotions;
using Submissions.Storage.Queues;

namespace Submissions.Benchmarks.Scenarios.Deliveries;

/// <summary>
/// Partner deliveries at concurrency 8 through the real delivery processor against a loopback receiver, next to a
/// signed POST of the same size to the same receiver. Deliveries are owed by promotion entries posted through the app
/// first (untimed), so each is exactly what a real entry leaves behind. On disk: the entries queue their messages.
/// </summary>
internal sealed class DeliveryScenario : IBenchmarkScenario
{
    private const int Concurrency = 8;
    private const int FloorCalls = 20;

    public string Name => "deliveries";

    public bool OnDisk => true;

    public async Task<ReportSection> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Options;
        await using var receiver = await LoopbackReceiver.StartAsync();

        // The demo partner is seeded pointing at the receiver, as Partners__demo_partner__WebhookUrl does locally.
        using var app = await BenchApp.StartAsync(context.ConnectionString, new Dictionary<string, string>
        {
            [PartnerSettings.WebhookUrl("demo-partner")] = receiver.Url,
        });
        var runner = new LoadRunner(app.Requests);

        // One to learn the payload size, the warm-up, and the timed runs: each delivery can be made once only.
        var needed = 1 + options.WarmUp + (options.LoadRepeats * options.Deliveries);
        var seeding = await runner.RunAsync(FormOperations.PromotionEntry(app), needed, Concurrency, cancellationToken);
        Console.WriteLine($"  seeded {needed:N0} promotion entries with sharing granted through the app ({seeding.PerSecond:N0}/s)");

        // An entry owes its delivery only once its owner confirms it (docs/confirmation.md).
        var waiting = new ConcurrentQueue<string>(await PendingConfirmations.ConfirmationIdsAsync(app.Tables.Promotions, FormKind.Promotion, cancellationToken));
        var confirming = await runner.RunAsync(PendingConfirmations.Confirm(app, waiting), needed, Concurrency, cancellationToken);
        Console.WriteLine($"  confirmed the {needed:N0} entries through the confirm link ({confirming.PerSecond:N0}/s)");
        var owed = new ConcurrentQueue<PartnerDeliveryMessage>(await OwedAsync(app.Tables.Promotions, cancellationToken));
        if (owed.Count != needed)
        {
            throw new InvalidOperationException($"{needed} entries owe {owed.Count} deliveries.");
        }

        var processor = app.Get<PartnerDeliveryProcessor>();
        var first = await runner.RunAsync(DeliveryOperations.Deliver(processor, owed), 1, 1, cancellationToken);
        var payloadBytes = (int)receiver.BodyBytes;
        Console.WriteLine($"  one delivery: {first.RoundTrips} storage round trips, {payloadBytes} bytes posted");

        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false };
        using var client = new HttpClient(handler);
        var floor = DeliveryOperations.SignedPost(client, new Uri(receiver.Url), payloadBytes);
        var deliver = DeliveryOperations.Deliver(processor, owed);
        var minimal = await MinimalDelivery.PrepareAsync(app, client, new Uri(receiver.Url), payloadBytes, options.WarmUp + (options.LoadRepeats * options.Deliveries), cancellationToken);

        // A bare POST to loopback is about a hundred times faster than a delivery: it gets as many calls as take a similar time.
        var results = await runner.CompareAsync(
            [new LoadCase(floor, Concurrency, FloorCalls * options.Deliveries), new LoadCase(minimal, Concurrency), new LoadCase(deliver, Concurrency)],
            options.Deliveries, options.LoadRepeats, options.WarmUp, "deliveries", cancellationToken);
        var posted = needed + (2 * options.WarmUp) + (options.LoadRepeats * (FloorCalls + 1) * options.Deliveries);
        if (receiver.Unsigned > 0 || receiver.Received != posted)
        {
            throw new InvalidOperationException($"The receiver got {receiver.Received} requests ({receiver.Unsigned} without webhook headers).");
        }

        var (floorSummary, minimalSummary, appSummary) = (results[0], results[1], results[2]);
        return new ReportSection(
            "Partner deliveries",
            "One owed lead delivery through `PartnerDeliveryProcessor.ProcessAsync` — what the `DeliverToPartner` queue trigger " +
            "runs for a message, first attempt — against a receiver on 127.0.0.1 (Kestrel in this process: reads the body, checks " +
            "the three Standard Webhooks headers are there, answers 204; it verifies no signature), next to the floor: a POST " +
            $"of the same {payloadBytes:N0} bytes to the same receiver, signed the same way (HMAC-SHA256 over id, timestamp and " +
            "body), through a plain `HttpClient` with the app's handler settings (no redirects, cookies or proxy) — no storage, " +
            "no resilience pipeline. Both at concurrency 8 in the same rounds. The deliveries are owed by promotion entries " +
            "(sharing granted) posted through the app before timing; every one must end delivered. A fresh Azurite on disk " +
            "(the entries queue their messages; in memory Azurite freezes while it cleans queues up).",
            LoadTables.Columns("operation"),
            [LoadTables.Row("delivery", floorSummary, floorSummary), LoadTables.Row("delivery", minimalSummary, floorSummary), LoadTables.Row("delivery", appSummary, floorSummary)],
            [
                $"Each run is {options.Deliveries:N0} deliveries ({FloorCalls} times as many bare POSTs, so the floor's run is not " +
                $"over in milliseconds) kept 8 in flight; after {options.WarmUp:N0} untimed of each, {Units.Count(options.LoadRepeats, "round")} " +
                "of floor and app (in turn, order reversed every other round). per s: the median of the runs; p50/p99 over every call pooled.",
                MinimalDelivery.Note,
                "Before timing, every entry is confirmed through `ConfirmationFunctions.ConfirmAsync` (the owner's POST to the " +
                "signed link): an entry owes its delivery only once confirmed.",
                "round trips/call: storage requests per delivery, counted by the SDK pipeline policy; what they are, and how many " +
                "run one after another (stages), is in Storage per operation. The queue message itself is taken and deleted by " +
                "the Functions host, which is not measured here.",
                "app CPU µs/call: this whole process ÷ deliveries — it includes the in-process receiver's share of each POST, " +
                "which the floor row's figure also holds (with the client's), so the app's own cost is about the difference.",
                "The floor is the network part of a delivery alone; the app's rate is bound by its storage round trips to " +
                "Azurite, so ÷ floor says how much of a delivery's time is storage rather than the partner's POST.",
            ],
            [LoadTables.SummaryRow("partner delivery", null, (appSummary, floorSummary), null, (appSummary, minimalSummary))],
            [StorageTable.For("partner delivery", appSummary), StorageTable.For("partner delivery, minimal floor", minimalSummary)]);
    }

    /// <summary>The deliveries the entries owe, oldest first, as the queue messages that name them.</summary>
    private static async Task<List<PartnerDeliveryMessage>> OwedAsync(TableClient promotions, CancellationToken cancellationToken)
    {
        // Whatever partition holds them (the entrant's bucket of the demo promotion): the message names it, as the app's does.
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {OwedDeliveryEntity.RowKeyPrefix} and RowKey lt {OwedDeliveryEntity.RowKeyPrefix + "~"}");
        var owed = new List<PartnerDeliveryMessage>();
        await foreach (var row in promotions.QueryAsync<OwedDeliveryEntity>(filter, cancellationToken: cancellationToken))
        {
            owed.Add(new PartnerDeliveryMessage(row.PartitionKey, row.DeliveryId));
        }

        return owed;
    }
}
