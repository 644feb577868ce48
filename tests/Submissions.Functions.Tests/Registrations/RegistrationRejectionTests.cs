using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Registrations;

/// <summary>Every class of bad input: a clear problem+json answer, no echo of the input, nothing stored.</summary>
public sealed class RegistrationRejectionTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=latin1")]
    [InlineData(null)]
    public async Task A_body_that_is_not_JSON_is_415(string? contentType)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var response = await app.PostRawAsync("{}", contentType);

        Assert.Equal(415, response.Status);
        Assert.True(response.IsProblem);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_the_limit_is_413_whether_declared_or_streamed(bool declareLength)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var oversized = $$"""{"email":"a@example.test","displayName":"{{new string('x', 20_000)}}","consents":[]}""";

        var response = await app.PostRawAsync(oversized, declareLength: declareLength);

        Assert.Equal(413, response.Status);
        Assert.True(response.IsProblem);
        Assert.Equal(0, await app.CountAllSubjectRowsAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"email\": 42}")]
    [InlineData("{\"consents\": [{\"labelId\":\"terms\",\"version\":\"1\",\"granted\":true}]}")]
    [InlineData("{\"consents\": [{\"labelId\":\"terms\",\"version\":1,\"granted\":\"yes\"}]}")]
    [InlineData("{\"email\":\"a@example.test\",\"email\":\"b@example.test\"}")]
    [InlineData("{\"displayName\":\"\\uDC00\"}")]
    public async Task Malformed_JSON_is_400_problem_details_without_the_input(string body)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var response = await app.PostRawAsync(body);

        Assert.Equal(400, response.Status);
        Assert.True(response.IsProblem);
        Assert.DoesNotContain("example.test", response.Body, StringComparison.Ordinal);
        Assert.Equal(0, await app.CountAllSubjectRowsAsync());
    }

    [Theory]
    [InlineData("{\"jane.doe@example.test\": tru}")]
    [InlineData("{\"profile\": {\"JaneDoe\": [1,}}")]
    [InlineData("{\"consents\": [{\"JaneDoe\": x}]}")]
    public async Task A_JSON_error_inside_a_property_the_client_invented_does_not_echo_its_name(string body)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await app.PostRawAsync(body);

        Assert.Equal(400, response.Status);
        Assert.DoesNotContain("jane", response.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_JSON_error_in_a_form_field_names_its_path()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await app.PostRawAsync("{\"consents\": [{\"labelId\": \"terms\", \"version\": \"one\"}]}");

        Assert.Equal(400, response.Status);
        Assert.Contains("$.consents[0].version", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_UTF8_is_400_and_a_byte_order_mark_is_accepted()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var json = System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(RegistrationForms.Body(RegistrationForms.NewEmail()), HttpExchange.JsonOptions));

        var invalid = await app.PostBytesAsync([.. "{\"displayName\":\""u8.ToArray(), 0xC3, 0x28, .. "\"}"u8.ToArray()]);
        var withBom = await app.PostBytesAsync([0xEF, 0xBB, 0xBF, .. json]);

        Assert.Equal(400, invalid.Status);
        Assert.Equal(201, withBom.Status);
    }

    [Fact]
    public async Task Invalid_fields_are_400_with_an_error_for_each_field()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var body = new
        {
            email = "not-an-email",
            displayName = "Evil\u202Ename",
            profile = new { language = "english language", country = "Finland", ageRange = "old", gender = new string('g', 40) },
            consents = new object[] { new { labelId = "terms", version = 1 } },
        };

        var response = await app.PostAsync(body);

        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json; charset=utf-8", response.ContentType);
        Assert.Equal(
            ["consents[0].granted", "consents[demographics]", "consents[special-offers]", "displayName", "email", "profile.ageRange", "profile.country", "profile.gender", "profile.language"],
            response.ErrorFields.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("not-an-email", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Evil", response.Body, StringComparison.Ordinal);
        Assert.Equal(0, await app.CountAllSubjectRowsAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("tab\tname")]
    [InlineData("line\nbreak")]
    [InlineData("sixty-five-characters-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public async Task Display_names_outside_the_rules_are_rejected(string displayName)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var response = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail(), displayName));

        Assert.Equal(400, response.Status);
        Assert.Equal(["displayName"], response.ErrorFields);
    }

    [Fact]
    public async Task An_email_over_254_characters_is_rejected()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".test";
        Assert.True(email.Length > 254);

        var response = await app.PostAsync(RegistrationForms.Body(email));

        Assert.Equal(400, response.Status);
        Assert.Equal(["email"], response.ErrorFields);
    }

    [Fact]
    public async Task Every_consent_error_names_its_label()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var missing = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail(), consents: [new { labelId = "terms", version = 1, granted = true }]));
        Assert.Equal(400, missing.Status);
        Assert.Equal(["consents[demographics]", "consents[special-offers]"], missing.ErrorFields);

        var requiredDeclined = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail(), consents: RegistrationForms.Consents(terms: false)));
        Assert.Equal(["consents[terms]"], requiredDeclined.ErrorFields);
        Assert.Contains("required", requiredDeclined.ErrorsText, StringComparison.Ordinal);

        var unknownVersion = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail(), consents:
            [new { labelId = "terms", version = 7, granted = true }, new { labelId = "special-offers", version = 1, granted = false }, new { labelId = "demographics", version = 1, granted = false }]));
        Assert.Equal(["consents[terms]"], unknownVersion.ErrorFields);
        Assert.Contains("no version 7", unknownVersion.ErrorsText, StringComparison.Ordinal);

        var unknownLabel = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail(), consents:
            [.. RegistrationForms.Consents(), new { labelId = "made-up-label", version = 1, granted = true }]));
        Assert.Equal(["consents[3].labelId"], unknownLabel.ErrorFields);

        var otherForm = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail(), consents:
            [.. RegistrationForms.Consents(), new { labelId = "public-display", version = 1, granted = true }]));
        Assert.Equal(["consents[public-display]"], otherForm.ErrorFields);

        var duplicate = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail(), consents:
            [.. RegistrationForms.Consents(), new { labelId = "terms", version = 1, granted = true }]));
        Assert.Equal(["consents[terms]"], duplicate.ErrorFields);

        Assert.Equal(0, await app.CountAllSubjectRowsAsync());
    }

    [Fact]
    public async Task Answering_a_retired_version_after_its_grace_is_rejected_and_names_the_current_one()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var labels = new ConsentLabelAdmin(app);
        await labels.PutAsync("terms", "I agree to the new Terms of Use.", required: true, forms: ["registration"], fields: ["email"]);
        app.Time.Advance(TimeSpan.FromSeconds(900));

        var response = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()));

        Assert.Equal(400, response.Status);
        Assert.Equal(["consents[terms]"], response.ErrorFields);
        Assert.Contains("Version 1 of consent label 'terms' is retired; answer the current version 2", response.ErrorsText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_honeypot_rejects_the_submission_and_stores_nothing()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var body = new { email = RegistrationForms.NewEmail(), displayName = "Bot", consents = RegistrationForms.Consents(), website = "http://spam.example" };

        var response = await app.PostAsync(body);

        Assert.Equal(400, response.Status);
        Assert.True(response.IsProblem);
        Assert.Equal(0, await app.CountAllSubjectRowsAsync());
    }
}
