using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Azure;
using Submissions.Application.Deliveries;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Promotions;
using Submissions.Storage.Subjects;

namespace Submissions.Functions.Tests.Deliveries;

/// <summary>
/// A delivery's lease must cover its POST: an erasure takes a delivery whose lease ran out for ended, tells the partner
/// and answers 200, so no lead may be on the wire then (docs/data-model.md). Storage slow enough to spend the lease
/// before the POST is played by the fake clock, advanced at the delivery's last storage read before it posts (the
/// person's tombstone and own consent records, read after the lease is taken).
/// </summary>
public sealed class DeliveryLeaseTests(AzuriteFixture azurite)
{
    /// <summary>The delivery lease with default settings: Delivery:TotalTimeoutSeconds (45) + 10.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(55);

    [Fact]
    public async Task A_lease_nearly_spent_before_the_post_is_renewed_so_an_erasure_during_the_post_waits_for_it()
    {
        var hook = new BeforePersonRead();
        // The partner holds its answer long enough for the erasure below to run while the lead is on the wire, even on a
        // loaded machine; the attempt's timeout is raised to match so the wait is not a timeout.
        await using var app = await StartAsync(hook, new Dictionary<string, string?> { ["Delivery:AttemptTimeoutSeconds"] = "10" });
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        var (email, message) = await EnterAsync(app, receiver);
        hook.Arm(app, () =>
        {
            app.Time.Advance(Lease - TimeSpan.FromSeconds(5));
            return Task.CompletedTask;
        });
        receiver.Script(204, TimeSpan.FromSeconds(4));
        var delivering = app.DeliverAsync(message);
        await SubjectForms.WaitUntilAsync(() => !receiver.Received.IsEmpty);

        // Past the lease the delivery took when it started, while the lead is still on the wire.
        app.Time.Advance(TimeSpan.FromSeconds(10));
        var during = await app.EraseAsync(email);

        Assert.True(hook.Fired);
        Assert.Equal(503, during.Status);
        Assert.Empty(await app.Tables.Notices.RowsAsync());
        await delivering;
        var erasure = await app.EraseAsync(email);
        Assert.Equal(200, erasure.Status);
        Assert.Single(erasure.Json.GetProperty("notices").EnumerateArray());
    }

    [Fact]
    public async Task A_delivery_whose_lease_ran_out_while_an_erasure_finished_posts_nothing()
    {
        var hook = new BeforePersonRead();
        await using var app = await StartAsync(hook);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        var (email, message) = await EnterAsync(app, receiver);
        TestResponse? erasure = null;
        hook.Arm(app, async () =>
        {
            app.Time.Advance(Lease + TimeSpan.FromSeconds(1));
            erasure = await app.EraseAsync(email);
        });

        // The erasure saw the lease run out, took the delivery for ended and answered 200: the lead must not follow.
        await Assert.ThrowsAsync<TransientDeliveryException>(() => app.DeliverAsync(message));

        Assert.Equal(200, erasure?.Status);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task A_delivery_whose_lease_ran_out_checks_the_tombstone_again_before_posting()
    {
        var hook = new BeforePersonRead();
        await using var app = await StartAsync(hook);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        var (email, message) = await EnterAsync(app, receiver);
        hook.Arm(app, async () =>
        {
            // An erasure that began in the gap: its tombstone is written, it has not reached the owed row yet.
            app.Time.Advance(Lease + TimeSpan.FromSeconds(1));
            await app.Tables.Subjects.UpsertEntityAsync(
                new TombstoneEntity { PartitionKey = app.SubjectOf(email).Value, ErasedAt = app.Time.GetUtcNow(), Status = TombstoneEntity.InProgress });
        });

        await app.DeliverAsync(message);

        Assert.Empty(receiver.Received);
        var owed = Assert.Single(await app.Tables.Promotions.RowsAsync(), row => row.RowKey.StartsWith(OwedDeliveryEntity.RowKeyPrefix, StringComparison.Ordinal));
        Assert.Equal(OwedDeliveryEntity.Withdrawn, owed.GetString(nameof(OwedDeliveryEntity.Status)));
        Assert.Equal("subject-erased", owed.GetString(nameof(OwedDeliveryEntity.LastError)));
        Assert.Empty(await app.Tables.Disclosures.RowsAsync());
    }

    private Task<TestApp> StartAsync(BeforePersonRead hook, IDictionary<string, string?>? settings = null) =>
        TestApp.StartAsync(
            azurite.ConnectionString,
            settings,
            services: services => services.AddAzureClients(clients => clients.ConfigureDefaults(options => options.AddPolicy(hook, HttpPipelinePosition.PerCall))));

    private static async Task<(string Email, Azure.Storage.Queues.Models.QueueMessage Message)> EnterAsync(TestApp app, TestReceiver receiver)
    {
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var email = RegistrationForms.NewEmail();
        Assert.Equal(201, (await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true))).Status);
        return (email, Assert.Single(await app.TakeDeliveryMessagesAsync()));
    }

    /// <summary>Runs its action once, just before the person's partition is read: a delivery's last storage call before it posts.</summary>
    private sealed class BeforePersonRead : HttpPipelinePolicy
    {
        private string? subjects;
        private Func<Task>? action;

        public bool Fired { get; private set; }

        public void Arm(TestApp app, Func<Task> run) => (subjects, action) = (app.Tables.Subjects.Name, run);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => ProcessNext(message, pipeline);

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (action is { } run && !Fired && message.Request.Method == RequestMethod.Get
                && Uri.UnescapeDataString(message.Request.Uri.Path).Contains($"/{subjects}", StringComparison.Ordinal))
            {
                // Fired first: the action's own storage calls pass through here too.
                Fired = true;
                await run();
            }

            await ProcessNextAsync(message, pipeline);
        }
    }
}
