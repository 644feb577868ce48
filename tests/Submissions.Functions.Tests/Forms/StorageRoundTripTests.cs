using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Forms;

/// <summary>
/// Holds the registration path to its storage cost, counted by an Azure SDK pipeline policy (queue requests included).
/// Since issue 17 a registration is stored pending and takes effect when its owner confirms (docs/confirmation.md):
/// the submission is one entity-group transaction and the confirmation mail's queue message (issue 18: its confirmation
/// id names the partition, so there is no pointer row); confirming is one query to find it, the member read and one
/// transaction. The consent catalog comes from the instance cache.
/// </summary>
public sealed class StorageRoundTripTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_first_registration_costs_two_round_trips_with_a_warm_catalog_and_confirming_it_three()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()));
        var email = RegistrationForms.NewEmail();

        TestResponse? response = null;
        var trips = await app.Requests.CountAsync(async () => response = await app.PostAsync(
            RegistrationForms.Body(email), new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() }, confirm: false));
        var confirmTrips = await ConfirmTripsAsync(app, email, response!);

        // POST $batch (pending row, receipt, idempotency record), the mail's enqueue (issue 18: no pointer; 3 before).
        Assert.Equal(2, trips);
        // Query the pending row or its record in the partition its id names, GET the member, POST $batch (member, ledger,
        // record, pending row's removal) — the pointer's GET is gone (4 before).
        Assert.Equal(3, confirmTrips);
    }

    [Fact]
    public async Task A_cold_catalog_adds_one_read()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var trips = await app.Requests.CountAsync(() => app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()), confirm: false));

        // The catalog query, then the two of a pending registration.
        Assert.Equal(3, trips);
    }

    [Fact]
    public async Task A_replay_costs_the_refused_transaction_and_one_read_and_a_re_registration_what_a_new_one_costs()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        await app.PostAsync(RegistrationForms.Body(email), key);

        var replay = await app.Requests.CountAsync(() => app.PostAsync(RegistrationForms.Body(email), key, confirm: false));
        TestResponse? response = null;
        var again = await app.Requests.CountAsync(async () => response = await app.PostAsync(RegistrationForms.Body(email), confirm: false));
        var confirmTrips = await ConfirmTripsAsync(app, email, response!);

        // A replay: the transaction refused (the key's row exists), the key's record read for its answer; no mail is
        // owed again (issue 18: no pointer written and taken back; 4 before).
        Assert.Equal(2, replay);
        // A known email costs what a new one does (no oracle, not even in timing): the store reads nothing at submission.
        Assert.Equal(2, again);
        // Confirming replaces the member under the version read: the same three as a first confirmation.
        Assert.Equal(3, confirmTrips);
    }

    [Fact]
    public async Task Rejected_input_costs_no_writes()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()));

        var trips = await app.Requests.CountAsync(() => app.PostAsync(RegistrationForms.Body("not-an-email")));

        Assert.Equal(0, trips);
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_email_make_one_member()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => app.PostAsync(RegistrationForms.Body(email, $"Name {i}"))));

        Assert.All(responses, response => Assert.Equal(201, response.Status));
        // Each registration answers with its own id (issue 14, defect 5); one of them became the member id.
        var ids = responses.Select(response => response.Json.GetProperty("id").GetString()).ToList();
        Assert.Equal(6, ids.Distinct().Count());
        var rows = await app.RowsOfAsync(email);
        Assert.Equal(6, rows.Single(row => row.RowKey == "member").GetInt32("RegistrationCount"));
        Assert.Contains(rows.Single(row => row.RowKey == "member").GetString("MemberId"), ids);
        Assert.Equal(6, rows.Count(row => row.RowKey.StartsWith("receipt~", StringComparison.Ordinal)));
    }

    private static async Task<int> ConfirmTripsAsync(TestApp app, string email, TestResponse response)
    {
        Assert.Equal(201, response.Status);
        var pending = await app.PendingRowAsync(app.Tables.Subjects, app.SubjectOf(email).Value, response.Json.GetProperty("id").GetString()!);
        var confirmationId = pending!.GetString("ConfirmationId")!;
        return await app.Requests.CountAsync(async () => Assert.Equal(200, (await app.ConfirmAsync(confirmationId)).Status));
    }
}
