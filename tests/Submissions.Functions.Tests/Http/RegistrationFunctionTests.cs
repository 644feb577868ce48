using Azure.Data.Tables;
using Submissions.Domain;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Http;

public sealed class RegistrationFunctionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Stores_member_receipt_and_ledger_and_answers_201_with_the_receipt()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();

        var response = await app.PostAsync(RegistrationForms.Body(email, consents: RegistrationForms.Consents(offers: true)));

        Assert.Equal(201, response.Status);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        var json = response.Json;
        var memberId = json.GetProperty("id").GetString();
        var receipt = json.GetProperty("receipt");
        var answers = receipt.GetProperty("consents").EnumerateArray().ToDictionary(a => a.GetProperty("labelId").GetString()!, a => a);
        Assert.Equal(["demographics", "special-offers", "terms"], answers.Keys.Order());
        Assert.True(answers["terms"].GetProperty("granted").GetBoolean());
        Assert.True(answers["special-offers"].GetProperty("granted").GetBoolean());
        Assert.False(answers["demographics"].GetProperty("granted").GetBoolean());

        var rows = await app.RowsOfAsync(email);
        var member = Assert.Single(rows, row => row.RowKey == "member");
        Assert.Equal(memberId, member.GetString("MemberId"));
        Assert.Equal(email, member.GetString("Email"));
        Assert.Single(rows, row => row.RowKey == "receipt~" + receipt.GetProperty("id").GetString());

        var ledger = rows.Where(row => row.RowKey.StartsWith("consent~", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, ledger.Count);
        var terms = Assert.Single(ledger, row => row.GetString("LabelId") == "terms");
        var seededTermsText = "I agree to the Terms of Use and have read the Privacy Policy.";
        Assert.Equal(ContentHash.Sha256Hex(seededTermsText), terms.GetString("TextSha256"));
        Assert.Equal(answers["terms"].GetProperty("textSha256").GetString(), terms.GetString("TextSha256"));
        Assert.Equal(memberId, terms.GetString("SubmissionId"));
        Assert.Equal("registration", terms.GetString("Form"));
        Assert.Equal(receipt.GetProperty("recordedAt").GetDateTimeOffset(), terms.GetDateTimeOffset("RecordedAt"));

        // No table key carries the email: the partition is the subject key.
        Assert.All(rows, row => Assert.DoesNotContain(email, row.PartitionKey + row.RowKey, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Registering_again_keeps_one_member_and_appends_consent_history()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();

        var first = await app.PostAsync(RegistrationForms.Body(email, "First Name", consents: RegistrationForms.Consents(offers: true)));
        var second = await app.PostAsync(RegistrationForms.Body(email.ToUpperInvariant(), "Second Name", consents: RegistrationForms.Consents(offers: false)));

        Assert.Equal(201, first.Status);
        Assert.Equal(201, second.Status);
        Assert.Equal(first.Json.GetProperty("id").GetString(), second.Json.GetProperty("id").GetString());
        Assert.NotEqual(first.Json.GetProperty("receipt").GetProperty("id").GetString(), second.Json.GetProperty("receipt").GetProperty("id").GetString());

        var rows = await app.RowsOfAsync(email);
        var member = Assert.Single(rows, row => row.RowKey == "member");
        Assert.Equal("Second Name", member.GetString("DisplayName"));
        Assert.Equal(2, member.GetInt32("RegistrationCount"));
        Assert.Equal(2, rows.Count(row => row.RowKey.StartsWith("receipt~", StringComparison.Ordinal)));

        // The history holds both answers; the newest sorts first within the label, so it is the effective one.
        var offers = rows.Where(row => row.GetString("LabelId") == "special-offers").OrderBy(row => row.RowKey, StringComparer.Ordinal).ToList();
        Assert.Equal(2, offers.Count);
        Assert.False(offers[0].GetBoolean("Granted"));
        Assert.True(offers[1].GetBoolean("Granted"));
    }

    [Fact]
    public async Task Demographic_fields_are_dropped_unless_their_consent_is_granted()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var declined = RegistrationForms.NewEmail();
        var granted = RegistrationForms.NewEmail();
        var profile = new { language = "fi", country = "FI", ageRange = "25-34", gender = "woman" };

        Assert.Equal(201, (await app.PostAsync(RegistrationForms.Body(declined, profile: profile, consents: RegistrationForms.Consents(demographics: false)))).Status);
        Assert.Equal(201, (await app.PostAsync(RegistrationForms.Body(granted, profile: profile, consents: RegistrationForms.Consents(demographics: true)))).Status);

        var declinedMember = (await app.RowsOfAsync(declined)).Single(row => row.RowKey == "member");
        Assert.Equal("fi", declinedMember.GetString("Language"));
        Assert.False(declinedMember.ContainsKey("Country"));
        Assert.False(declinedMember.ContainsKey("AgeRange"));
        Assert.False(declinedMember.ContainsKey("Gender"));

        var grantedMember = (await app.RowsOfAsync(granted)).Single(row => row.RowKey == "member");
        Assert.Equal("FI", grantedMember.GetString("Country"));
        Assert.Equal("25-34", grantedMember.GetString("AgeRange"));
        Assert.Equal("woman", grantedMember.GetString("Gender"));
    }

    [Fact]
    public async Task Declining_demographics_on_re_registration_removes_those_stored_before()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        var profile = new { country = "SE", ageRange = "35-44" };

        await app.PostAsync(RegistrationForms.Body(email, profile: profile, consents: RegistrationForms.Consents(demographics: true)));
        await app.PostAsync(RegistrationForms.Body(email, profile: profile, consents: RegistrationForms.Consents(demographics: false)));

        var member = (await app.RowsOfAsync(email)).Single(row => row.RowKey == "member");
        Assert.False(member.ContainsKey("Country"));
        Assert.False(member.ContainsKey("AgeRange"));
    }

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

        await app.PostAsync(RegistrationForms.Body(email, "Original"), headers);
        var reused = await app.PostAsync(RegistrationForms.Body(email, "Changed"), headers);

        Assert.Equal(422, reused.Status);
        Assert.True(reused.IsProblem);
        var rows = await app.RowsOfAsync(email);
        Assert.Equal("Original", rows.Single(row => row.RowKey == "member").GetString("DisplayName"));
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
    public async Task Answering_a_retired_version_is_rejected_and_names_the_current_one()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var labels = new ConsentLabelAdmin(app);
        await labels.PutAsync("terms", "I agree to the new Terms of Use.", required: true, forms: ["registration"], fields: ["email"]);

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

    [Fact]
    public async Task Bad_input_after_a_registration_changes_nothing_already_stored()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        await app.PostAsync(RegistrationForms.Body(email, "Kept Name"));
        var before = await app.RowsOfAsync(email);

        var rejected = await app.PostAsync(RegistrationForms.Body(email, "New\u0007Name"));

        Assert.Equal(400, rejected.Status);
        var after = await app.RowsOfAsync(email);
        Assert.Equal(before.Select(row => (row.RowKey, row.ETag)), after.Select(row => (row.RowKey, row.ETag)));
    }

    [Fact]
    public async Task Storage_down_is_503_with_Retry_After()
    {
        var deadStorage = azurite.ConnectionString.Replace(
            $":{azurite.TablePort}/", $":{AzuriteFixture.FreePort()}/", StringComparison.Ordinal);
        await using var app = await TestApp.StartAsync(deadStorage, initializeStorage: false);

        var response = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()));

        Assert.Equal(503, response.Status);
        Assert.True(response.IsProblem);
        Assert.Equal("5", response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task Storage_that_hangs_is_503_after_the_network_timeout_not_a_500()
    {
        using var silent = new SilentStorage(azurite.ConnectionString, azurite.TablePort);
        await using var app = await TestApp.StartAsync(
            silent.ConnectionString,
            new Dictionary<string, string?> { ["Storage:NetworkTimeoutSeconds"] = "0.3", ["Storage:MaxRetries"] = "1" },
            initializeStorage: false);

        var response = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()));

        Assert.Equal(503, response.Status);
        Assert.Equal("5", response.Headers.RetryAfter.ToString());
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
    public async Task Concurrent_retries_with_one_Idempotency_Key_store_one_registration()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        var body = RegistrationForms.Body(email);
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.PostAsync(body, headers)));

        Assert.All(responses, response => Assert.Equal(201, response.Status));
        Assert.Single(responses.Select(response => response.Body).Distinct());
        var rows = await app.RowsOfAsync(email);
        Assert.Single(rows, row => row.RowKey.StartsWith("receipt~", StringComparison.Ordinal));
        Assert.Equal(1, rows.Single(row => row.RowKey == "member").GetInt32("RegistrationCount"));
    }

    [Fact]
    public async Task A_retry_after_a_label_changed_still_gets_the_first_response()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var body = RegistrationForms.Body(RegistrationForms.NewEmail());
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var first = await app.PostAsync(body, headers);

        await new ConsentLabelAdmin(app).PutAsync("terms", "Terms, revised after the first attempt.", required: true, fields: ["email", "displayName"]);
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
