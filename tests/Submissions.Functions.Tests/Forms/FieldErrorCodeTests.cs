using Submissions.Application.Http;
using Submissions.Domain.Validation;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Forms;

/// <summary>
/// The codes a frontend branches on, each on the JSON path of the input it concerns, from real submissions against
/// the seeded demo labels: what docs/problems.md promises is what a submission answers.
/// </summary>
public sealed class FieldErrorCodeTests(AzuriteFixture azurite)
{
    private static readonly object[] OtherAnswers =
    [
        new { labelId = "special-offers", version = 1, granted = false },
        new { labelId = "demographics", version = 1, granted = false },
    ];

    [Fact]
    public async Task Each_consent_problem_has_its_code_on_the_labels_path()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var missing = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail(), consents: [new { labelId = "terms", version = 1, granted = true }]));
        AssertCodes(missing, ("consents[demographics]", FieldErrorCodes.ConsentMissing), ("consents[special-offers]", FieldErrorCodes.ConsentMissing));

        var declined = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail(), consents: RegistrationForms.Consents(terms: false)));
        AssertCodes(declined, ("consents[terms]", FieldErrorCodes.ConsentRequired));

        var unknownVersion = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail(), consents:
            [new { labelId = "terms", version = 7, granted = true }, .. OtherAnswers]));
        AssertCodes(unknownVersion, ("consents[terms]", FieldErrorCodes.ConsentVersionUnknown));

        // An id the catalog does not know is reported by position; a known label of another form by its id.
        var unknownLabel = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail(), consents:
            [.. RegistrationForms.Consents(), new { labelId = "made-up-label", version = 1, granted = true }]));
        AssertCodes(unknownLabel, ("consents[3].labelId", FieldErrorCodes.ConsentUnknown));
        var otherForm = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail(), consents:
            [.. RegistrationForms.Consents(), new { labelId = "public-display", version = 1, granted = true }]));
        AssertCodes(otherForm, ("consents[public-display]", FieldErrorCodes.ConsentUnknown));

        var twice = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail(), consents:
            [.. RegistrationForms.Consents(), new { labelId = "terms", version = 1, granted = true }]));
        AssertCodes(twice, ("consents[terms]", FieldErrorCodes.Duplicate));

        Assert.Equal(0, await app.CountAllSubjectRowsAsync());
    }

    [Fact]
    public async Task Answering_a_retired_version_or_label_says_reload_the_labels()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var labels = new ConsentLabelAdmin(app);
        await labels.PutAsync("terms", "I agree to the new Terms of Use.", required: true, forms: ["registration"], fields: ["email"]);
        await labels.PutAsync("special-offers", "Offers by mail.", forms: ["registration"], fields: ["email"], purpose: "special-offers", status: "retired");
        app.Time.Advance(TimeSpan.FromSeconds(900));

        var response = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()));

        AssertCodes(response, ("consents[special-offers]", FieldErrorCodes.ConsentVersionRetired), ("consents[terms]", FieldErrorCodes.ConsentVersionRetired));
    }

    [Fact]
    public async Task A_promotion_entry_codes_its_unknown_field_and_its_required_field()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true, fields: new { colour = "Blue" }));

        AssertCodes(response, ("fields.answer", FieldErrorCodes.Required), ("fields[0]", FieldErrorCodes.PromotionFieldUnknown));
    }

    [Fact]
    public async Task A_vote_for_an_option_the_poll_does_not_have_is_not_an_option()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pollId = await app.CreatePollAsync();

        var response = await app.VoteAsync(pollId, PollForms.Vote(optionId: "purple", voterToken: PollForms.NewVoterToken()));

        AssertCodes(response, ("optionId", FieldErrorCodes.NotAnOption));
    }

    /// <summary>A validation problem whose every path has exactly the one code expected.</summary>
    private static void AssertCodes(TestResponse response, params (string Path, string Code)[] expected)
    {
        Assert.Equal(400, response.Status);
        Assert.True(response.IsProblem);
        Assert.Equal(ProblemTypes.ValidationFailed, response.Json.GetProperty("type").GetString());
        var codes = response.Json.GetProperty("codes").EnumerateObject()
            .Select(path => (path.Name, string.Join(",", path.Value.EnumerateArray().Select(code => code.GetString()))))
            .Order();
        Assert.Equal(expected.Select(pair => (pair.Path, pair.Code)).Order(), codes);
    }
}
