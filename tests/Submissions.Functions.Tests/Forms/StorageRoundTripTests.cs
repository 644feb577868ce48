using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Forms;

/// <summary>
/// Holds the registration path to its storage cost, counted by an Azure SDK pipeline policy. A first registration
/// is one entity-group transaction; the consent catalog comes from the instance cache.
/// </summary>
public sealed class StorageRoundTripTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_first_registration_costs_one_round_trip_with_a_warm_catalog()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()));

        var trips = await app.Requests.CountAsync(() => app.PostAsync(
            RegistrationForms.Body(RegistrationForms.NewEmail()), new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() }));

        Assert.Equal(1, trips);
    }

    [Fact]
    public async Task A_cold_catalog_adds_one_read()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var trips = await app.Requests.CountAsync(() => app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail())));

        Assert.Equal(2, trips);
    }

    [Fact]
    public async Task Re_registration_and_replay_cost_a_failed_attempt_plus_one_read()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        await app.PostAsync(RegistrationForms.Body(email), key);

        var replay = await app.Requests.CountAsync(() => app.PostAsync(RegistrationForms.Body(email), key));
        var again = await app.Requests.CountAsync(() => app.PostAsync(RegistrationForms.Body(email)));

        Assert.Equal(2, replay);
        Assert.Equal(3, again);
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
}
