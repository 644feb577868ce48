using Submissions.Domain.Consent;
using Submissions.Domain.Registrations;
using Submissions.Domain.Validation;

namespace Submissions.Domain.Tests.Registrations;

public sealed class RegistrationValidatorTests
{
    private static readonly RegistrationValidator Validator = new();

    private static RegistrationRequest Valid(string? email = "ada@example.test", string? displayName = "Ada", RegistrationProfile? profile = null,
        IReadOnlyList<ConsentAnswerInput?>? consents = null) =>
        new(email, displayName, profile, consents ?? [new ConsentAnswerInput("terms", 1, true)], null);

    private static List<string> ErrorFields(RegistrationRequest request) =>
        Validator.Validate(request).ToFieldErrors().ToDictionary().Keys.ToList();

    [Fact]
    public void A_complete_registration_is_valid() =>
        Assert.Empty(ErrorFields(Valid(profile: new RegistrationProfile("pt-BR", "BR", "18-24", "woman"))));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("plainaddress")]
    [InlineData("Ada <ada@example.test>")]
    [InlineData("ada@localhost")]
    [InlineData("ada @example.test")]
    [InlineData(" ada@example.test")]
    [InlineData("ada@example.test\n")]
    [InlineData("ada@.example.test")]
    public void Invalid_emails_are_rejected(string? email) =>
        Assert.Equal(["email"], ErrorFields(Valid(email: email)));

    [Fact]
    public void The_email_limit_is_254_characters()
    {
        var local = new string('a', 64);
        string Address(int length) => local + "@" + new string('b', length - local.Length - 6) + ".test";

        Assert.Empty(ErrorFields(Valid(email: Address(254))));
        Assert.Equal(["email"], ErrorFields(Valid(email: Address(255))));
    }

    [Theory]
    [InlineData("Zoë Ångström")]
    [InlineData("李小龙")]
    [InlineData("A")]
    public void Ordinary_names_in_any_script_are_valid(string name) => Assert.Empty(ErrorFields(Valid(displayName: name)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("null\0byte")]
    [InlineData("bell\u0007")]
    [InlineData("del\u007f")]
    [InlineData("c1\u0085")]
    [InlineData("spoof\u202Egnp.exe")]
    [InlineData("isolate\u2066x")]
    public void Names_that_are_empty_or_carry_control_characters_are_rejected(string? name) =>
        Assert.Equal(["displayName"], ErrorFields(Valid(displayName: name)));

    [Fact]
    public void The_display_name_limit_is_64_characters()
    {
        Assert.Empty(ErrorFields(Valid(displayName: new string('n', 64))));
        Assert.Equal(["displayName"], ErrorFields(Valid(displayName: new string('n', 65))));
    }

    [Fact]
    public void Profile_fields_are_bounded()
    {
        var profile = new RegistrationProfile("not a tag", "fi", "ancient", new string('g', 33));

        Assert.Equal(["profile.ageRange", "profile.country", "profile.gender", "profile.language"], ErrorFields(Valid(profile: profile)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Consent_answers_must_be_complete_objects()
    {
        var consents = new ConsentAnswerInput?[] { null, new(null, 1, true), new("terms", null, true), new("terms", 0, null), new("Not_Valid", 1, true) };

        Assert.Equal(
            ["consents[0]", "consents[1].labelId", "consents[2].version", "consents[3].granted", "consents[3].version", "consents[4].labelId"],
            ErrorFields(Valid(consents: consents)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Missing_consents_and_too_many_answers_are_rejected()
    {
        Assert.Equal(["consents"], ErrorFields(new RegistrationRequest("ada@example.test", "Ada", null, null, null)));
        var many = Enumerable.Range(0, 33).Select(i => (ConsentAnswerInput?)new ConsentAnswerInput($"label-{i}", 1, true)).ToList();
        Assert.Equal(["consents"], ErrorFields(Valid(consents: many)));
    }

    [Fact]
    public void Error_messages_never_quote_the_submitted_value()
    {
        var result = Validator.Validate(Valid(email: "secret.person@nowhere", displayName: "Secret\u0007Person"));

        Assert.All(result.Errors, error => Assert.DoesNotContain("secret", error.ErrorMessage, StringComparison.OrdinalIgnoreCase));
    }
}
