using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Azure;
using Submissions.Application.Subjects;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Subjects;

namespace Submissions.Functions.Tests.Subjects;

/// <summary>
/// The erasure's lease on the person (<see cref="TombstoneEntity.ClaimedUntil"/>): one run at a time, a caller told how
/// long to wait, a lapsed lease free to take, a run that outlived its lease stopping without overwriting the one that
/// took over, and a run failing on storage letting the next start at once.
/// </summary>
public sealed class ErasureLeaseTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_person_held_by_another_run_is_busy_until_its_lease_ends_then_the_erasure_proceeds()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = await RegisterAsync(app);
        var subject = app.SubjectOf(email).Value;
        var startedAt = app.Time.GetUtcNow();
        await app.Tables.Subjects.UpsertEntityAsync(
            new TombstoneEntity { PartitionKey = subject, ErasedAt = startedAt, Status = TombstoneEntity.InProgress, ClaimedUntil = startedAt.AddSeconds(90) },
            cancellationToken: TestContext.Current.CancellationToken);

        // Retry-After is what is left of the holder's lease, not a fixed few seconds.
        var busy = await app.EraseAsync(email);
        Assert.Equal(503, busy.Status);
        Assert.Equal("90", busy.Headers.RetryAfter.ToString());
        Assert.Contains(await app.RowsOfAsync(email), row => row.RowKey != TombstoneEntity.TombstoneRowKey);

        app.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal("30", (await app.EraseAsync(email)).Headers.RetryAfter.ToString());

        // The holder crashed: once its lease has run out the erasure takes the person over and finishes its work.
        app.Time.Advance(TimeSpan.FromSeconds(31));
        var erasure = await app.EraseAsync(email);
        Assert.Equal(200, erasure.Status);
        Assert.Equal(1, erasure.Json.GetProperty("removed").GetProperty("registration").GetInt32());
        Assert.Equal(startedAt, erasure.Json.GetProperty("erasedAt").GetDateTimeOffset());
        var tombstone = Assert.Single(await app.RowsOfAsync(email));
        Assert.Equal(TombstoneEntity.Complete, tombstone.GetString(nameof(TombstoneEntity.Status)));
        Assert.Null(tombstone.GetDateTimeOffset(nameof(TombstoneEntity.ClaimedUntil)));
    }

    [Fact]
    public async Task A_run_that_outlived_its_lease_stops_without_overwriting_the_run_that_took_over()
    {
        var takeover = new TombstoneTakeover(new TableServiceClient(azurite.ConnectionString));
        await using var app = await TestApp.StartAsync(
            azurite.ConnectionString,
            services: services => services.AddAzureClients(clients => clients.ConfigureDefaults(options => options.AddPolicy(takeover, HttpPipelinePosition.PerCall))));
        var email = await RegisterAsync(app);
        takeover.Arm(app.Tables.Subjects.Name, app.SubjectOf(email).Value, app.Time.GetUtcNow() + SubjectErasure.Lease);

        var response = await app.EraseAsync(email);

        // Its tombstone write found the other claimant's: it stopped there, and says how long that one may hold the person.
        Assert.Equal(1, takeover.TakenOver);
        Assert.Equal(503, response.Status);
        Assert.Equal("120", response.Headers.RetryAfter.ToString());
        var tombstone = Assert.Single(await app.RowsOfAsync(email));
        Assert.Equal(takeover.ClaimedUntil, tombstone.GetDateTimeOffset(nameof(TombstoneEntity.ClaimedUntil)));
        Assert.Equal(TombstoneTakeover.OtherReport, tombstone.GetString(nameof(TombstoneEntity.ReportJson)));
        Assert.Equal(TombstoneEntity.InProgress, tombstone.GetString(nameof(TombstoneEntity.Status)));
    }

    [Fact]
    public async Task A_run_failing_on_storage_releases_its_lease_so_the_next_erasure_proceeds_at_once()
    {
        var fault = new FailOnce();
        await using var app = await TestApp.StartAsync(
            azurite.ConnectionString,
            services: services => services.AddAzureClients(clients => clients.ConfigureDefaults(options => options.AddPolicy(fault, HttpPipelinePosition.PerCall))));
        var email = await RegisterAsync(app);

        // The third request is the first read of the person after the tombstone was claimed (read, claim, read).
        fault.FailRequest(3);
        var failed = await app.EraseAsync(email);
        Assert.Equal(503, failed.Status);
        Assert.True(fault.Failed);
        var released = Assert.Single(await app.RowsOfAsync(email), row => row.RowKey == TombstoneEntity.TombstoneRowKey);
        Assert.Null(released.GetDateTimeOffset(nameof(TombstoneEntity.ClaimedUntil)));

        var erasure = await app.EraseAsync(email);
        Assert.Equal(200, erasure.Status);
        Assert.Equal(1, erasure.Json.GetProperty("removed").GetProperty("registration").GetInt32());
    }

    private static async Task<string> RegisterAsync(TestApp app)
    {
        var email = RegistrationForms.NewEmail();
        Assert.Equal(201, (await app.PostAsync(RegistrationForms.Body(email))).Status);
        return email;
    }

    private static bool IsTombstoneUpdate(HttpMessage message, string table) =>
        (message.Request.Method == RequestMethod.Put || message.Request.Method == RequestMethod.Patch || message.Request.Method.Method == "MERGE")
        && Uri.UnescapeDataString(message.Request.Uri.Path).Contains($"{table}(", StringComparison.Ordinal)
        && Uri.UnescapeDataString(message.Request.Uri.Path).Contains($"RowKey='{TombstoneEntity.TombstoneRowKey}'", StringComparison.Ordinal);

    /// <summary>
    /// Another erasure, in effect, that claimed the person after this run's lease ran out: just before the run's first
    /// tombstone write after its claim, the tombstone is rewritten as that claimant's, with its own lease and report.
    /// </summary>
    private sealed class TombstoneTakeover(TableServiceClient service) : HttpPipelineSynchronousPolicy
    {
        public const string OtherReport = "{\"byAnotherRun\":true}";

        private string? table;
        private string? subject;

        public DateTimeOffset ClaimedUntil { get; private set; }

        public int TakenOver { get; private set; }

        public void Arm(string tableName, string subjectKey, DateTimeOffset claimedUntil) =>
            (table, subject, ClaimedUntil) = (tableName, subjectKey, claimedUntil);

        public override void OnSendingRequest(HttpMessage message)
        {
            if (table is null || TakenOver > 0 || !IsTombstoneUpdate(message, table))
            {
                return;
            }

            TakenOver++;
            service.GetTableClient(table).UpsertEntity(
                new TombstoneEntity { PartitionKey = subject!, ErasedAt = ClaimedUntil, Status = TombstoneEntity.InProgress, ClaimedUntil = ClaimedUntil, ReportJson = OtherReport },
                TableUpdateMode.Replace);
        }
    }

    /// <summary>Storage failing one request (counted from when it is told which), as an outage would.</summary>
    private sealed class FailOnce : HttpPipelineSynchronousPolicy
    {
        private int countdown;

        public bool Failed { get; private set; }

        public void FailRequest(int nth) => countdown = nth;

        public override void OnSendingRequest(HttpMessage message)
        {
            if (countdown > 0 && --countdown == 0)
            {
                Failed = true;
                throw new RequestFailedException(503, "Storage is unavailable (injected by the test).");
            }
        }
    }
}
