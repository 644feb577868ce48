using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Registrations;

/// <summary>Idempotency-Key: a retry gets the first answer and never a second record.</summary>
public sealed class RegistrationIdempotencyTests(AzuriteFixture azurite)
{
    // Names no library message contains: the leak check searches every log for submitted values, and a storage hiccup
    // logged as "...Changed..." once matched a display name of "Changed".
    private const string OriginalName = "Ottilie Quarrington";
    private const string ChangedName = "Cressida Quarrington";

    [Fact]
    public async Task A_retry_with_the_same_Idempotency_Key_returns_the_first_response_without_a_second_record()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        var body = RegistrationForms.Body(email);
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };

        var first = await app.PostAsync(body, headers);
        var retry = await app.PostAsync(body, headers);

        Assert.Equal(201, first.Status);
        Assert.Equal(201, retry.Status);
        Assert.Equal(first.Body, retry.Body);
        Assert.Equal("true", retry.Headers["Idempotent-Replayed"].ToString());
        var rows = await app.RowsOfAsync(email);
        Assert.Single(rows, row => row.RowKey.StartsWith("receipt~", StringComparison.Ordinal));
        Assert.Equal(1, rows.Single(row => row.RowKey == "member").GetInt32("RegistrationCount"));
    }

    [Fact]
    public async Task The_same_Idempotency_Key_with_a_different_body_is_422_and_stores_nothing()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "key-" + Guid.NewGuid() };

        await app.PostAsync(RegistrationForms.Body(email, OriginalName), headers);
        var reused = await app.PostAsync(RegistrationForms.Body(email, ChangedName), headers);

        Assert.Equal(422, reused.Status);
        Assert.True(reused.IsProblem);
        var rows = await app.RowsOfAsync(email);
        Assert.Equal(OriginalName, rows.Single(row => row.RowKey == "member").GetString("DisplayName"));
        Assert.Single(rows, row => row.RowKey.StartsWith("receipt~", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_malformed_Idempotency_Key_is_400()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var response = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()), new Dictionary<string, string> { ["Idempotency-Key"] = new string('k', 256) });

        Assert.Equal(400, response.Status);
        Assert.Contains("Idempotency-Key", response.ErrorFields);
    }

    [Fact]
    public async Task A_retry_after_a_label_changed_still_gets_the_first_response()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var body = RegistrationForms.Body(RegistrationForms.NewEmail());
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var first = await app.PostAsync(body, headers);

        await new ConsentLabelAdmin(app).PutAsync("terms", "Terms, revised after the first attempt.", required: true, fields: ["email", "displayName"]);
        app.Time.Advance(TimeSpan.FromSeconds(900)); // Past the retired version's grace: a new submission answering it is refused.
        var retry = await app.PostAsync(body, headers);
        var fresh = await app.PostAsync(body);

        Assert.Equal(201, retry.Status);
        Assert.Equal(first.Body, retry.Body);
        Assert.Equal(400, fresh.Status);
    }

    [Fact]
    public async Task An_Idempotency_Key_is_scoped_to_the_person_it_was_first_used_for()
    {
        // Documented in data-model.md: the key lives in the subject's partition so it commits with the data.
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var first = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()), headers);

        var other = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()), headers);

        Assert.Equal(201, other.Status);
        Assert.NotEqual(first.Json.GetProperty("id").GetString(), other.Json.GetProperty("id").GetString());
    }
}
