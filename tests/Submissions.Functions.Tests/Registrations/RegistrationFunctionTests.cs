using Submissions.Domain;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Registrations;

/// <summary>POST /api/registrations against Azurite: what a successful registration stores, and what it never stores.</summary>
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
        // Issue 17: the receipt is of the submission; the answers enter the ledger when the owner confirms, as of then.
        var receiptRow = Assert.Single(rows, row => row.RowKey == "receipt~" + receipt.GetProperty("id").GetString());
        Assert.Equal(receipt.GetProperty("recordedAt").GetDateTimeOffset(), receiptRow.GetDateTimeOffset("RecordedAt"));
        var confirmation = Assert.Single(rows, row => row.RowKey.StartsWith("confirmation~", StringComparison.Ordinal));
        Assert.Equal(receipt.GetProperty("recordedAt").GetDateTimeOffset(), confirmation.GetDateTimeOffset("SubmittedAt"));
        Assert.Equal("applied", confirmation.GetString("Result"));
        var confirmedAt = confirmation.GetDateTimeOffset("ConfirmedAt");
        Assert.True(confirmedAt >= receipt.GetProperty("recordedAt").GetDateTimeOffset());
        Assert.All(ledger, row => Assert.Equal(confirmedAt, row.GetDateTimeOffset("RecordedAt")));
        Assert.All(ledger, row => Assert.Equal(confirmedAt, row.GetDateTimeOffset("ConfirmedAt")));
        Assert.All(ledger, row => Assert.Equal("email-link", row.GetString("ConfirmationMethod")));
        Assert.Equal(confirmedAt, member.GetDateTimeOffset("ConfirmedAt"));
        Assert.DoesNotContain(rows, row => row.RowKey.StartsWith("pending~", StringComparison.Ordinal));

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
        // Each registration answers with its own id (issue 14, defect 5); the member keeps the first one.
        Assert.NotEqual(first.Json.GetProperty("id").GetString(), second.Json.GetProperty("id").GetString());
        Assert.NotEqual(first.Json.GetProperty("receipt").GetProperty("id").GetString(), second.Json.GetProperty("receipt").GetProperty("id").GetString());

        var rows = await app.RowsOfAsync(email);
        var member = Assert.Single(rows, row => row.RowKey == "member");
        Assert.Equal(first.Json.GetProperty("id").GetString(), member.GetString("MemberId"));
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
}
