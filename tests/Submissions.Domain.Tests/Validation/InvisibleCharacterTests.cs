using Submissions.Domain.Comments;
using Submissions.Domain.Consent;
using Submissions.Domain.Polls;
using Submissions.Domain.Promotions;
using Submissions.Domain.Registrations;
using Submissions.Domain.Subjects;
using Submissions.Domain.Validation;

namespace Submissions.Domain.Tests.Validation;

/// <summary>
/// Issue 14, defect 6: characters that render as nothing must not make a second person of one email, nor a name of
/// nothing. Every form that takes an email or a name is held to the same rules, each failure with its stable code.
/// </summary>
public sealed class InvisibleCharacterTests
{
    /// <summary>Unicode format characters (Cf) the issue lists, and the other default-ignorable code points.</summary>
    public static TheoryData<int> InvisibleCodePoints() =>
    [
        0x00AD, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF,
        0x180E, 0x034F, 0x115F, 0x3164, 0xFE0F, 0xFFA0, 0x061C, 0x2066, 0x206A, 0x1D173, 0xE0001, 0xE0041,
    ];

    private static readonly ConsentAnswerInput?[] Terms = [new ConsentAnswerInput("terms", 1, true)];

    [Theory]
    [MemberData(nameof(InvisibleCodePoints))]
    public void An_email_with_an_invisible_character_is_refused_by_every_form(int codePoint)
    {
        var invisible = char.ConvertFromUtf32(codePoint);
        foreach (var email in new[] { $"local{invisible}@example.test", $"{invisible}local@example.test", $"local@exam{invisible}ple.test" })
        {
            Assert.False(TextRules.IsPlainEmailAddress(email));
            AssertOnly("email", FieldErrorCodes.InvisibleCharacter, new RegistrationValidator().Validate(new RegistrationRequest(email, "Ada", null, Terms, null)).ToFieldErrors());
            AssertOnly("email", FieldErrorCodes.InvisibleCharacter, new PromotionEntryValidator().Validate(new PromotionEntryRequest(email, "Ada", null, Terms, null)).ToFieldErrors());
            AssertOnly("email", FieldErrorCodes.InvisibleCharacter, new CommentValidator().Validate(new CommentRequest("page", "Ada", email, "Hello", Terms, null)).ToFieldErrors());
            AssertOnly("email", FieldErrorCodes.InvisibleCharacter, new VoteValidator().Validate(new VoteRequest("red", null, email, Terms, null)).ToFieldErrors());
            AssertOnly("email", FieldErrorCodes.InvisibleCharacter, new SubjectRequestValidator().Validate(new SubjectRequest(email)).ToFieldErrors());
        }
    }

    [Theory]
    [MemberData(nameof(InvisibleCodePoints))]
    public void A_name_of_only_invisible_characters_is_refused(int codePoint)
    {
        var invisible = char.ConvertFromUtf32(codePoint);
        foreach (var name in new[] { invisible, invisible + invisible, $" {invisible} " })
        {
            var codes = new RegistrationValidator().Validate(new RegistrationRequest("ada@example.test", name, null, Terms, null)).ToFieldErrors().ToCodeDictionary();
            Assert.Equal(["displayName"], codes.Keys);
            Assert.Contains(codes["displayName"], code => code is FieldErrorCodes.NoVisibleCharacter or FieldErrorCodes.ControlCharacter);
            Assert.Contains("name", new PromotionEntryValidator().Validate(new PromotionEntryRequest("ada@example.test", name, null, Terms, null)).ToFieldErrors().ToCodeDictionary().Keys);
            Assert.Contains("displayName", new CommentValidator().Validate(new CommentRequest("page", name, null, "Hello", Terms, null)).ToFieldErrors().ToCodeDictionary().Keys);
            Assert.Contains("text", new CommentValidator().Validate(new CommentRequest("page", "Ada", null, name, Terms, null)).ToFieldErrors().ToCodeDictionary().Keys);
        }
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\uFEFF")]
    [InlineData("\u00AD")]
    [InlineData("\u2060")]
    [InlineData("\u0301")]
    [InlineData("\u2800")]
    [InlineData("\u3000\u200B")]
    [InlineData("\uE000")]
    public void A_name_without_a_visible_character_has_its_own_code(string name) =>
        AssertOnly("name", FieldErrorCodes.NoVisibleCharacter, new PromotionEntryValidator().Validate(new PromotionEntryRequest("ada@example.test", name, null, Terms, null)).ToFieldErrors());

    [Theory]
    [InlineData("Ada")]
    [InlineData("Zoë")]
    [InlineData("مهسا\u200Cپور")]
    [InlineData("👩\u200D💻 Ada")]
    [InlineData("李")]
    [InlineData("O'Brien-Smith")]
    public void Real_names_stay_valid_even_with_a_joiner_inside(string name) =>
        Assert.True(new PromotionEntryValidator().Validate(new PromotionEntryRequest("ada@example.test", name, null, Terms, null)).IsValid);

    [Theory]
    [InlineData("ada@example.test")]
    [InlineData("zoë@exämple.test")]
    [InlineData("first.last+tag@sub.example.test")]
    public void Visible_emails_stay_valid(string email) =>
        Assert.True(TextRules.IsPlainEmailAddress(email));

    [Fact]
    public void Other_rules_keep_their_own_codes()
    {
        var codes = new RegistrationValidator().Validate(new RegistrationRequest("not-an-email", "   ", null, Terms, null)).ToFieldErrors().ToCodeDictionary();
        Assert.Equal([FieldErrorCodes.EmailFormat], codes["email"]);
        Assert.All(codes["displayName"], code => Assert.Equal(FieldErrorCodes.Required, code));

        codes = new RegistrationValidator().Validate(new RegistrationRequest(null, "Bad\u0007Name", null, Terms, null)).ToFieldErrors().ToCodeDictionary();
        Assert.Equal([FieldErrorCodes.Required], codes["email"]);
        Assert.Equal([FieldErrorCodes.ControlCharacter], codes["displayName"]);
    }

    private static void AssertOnly(string field, string code, FieldErrors errors)
    {
        var codes = errors.ToCodeDictionary();
        Assert.Equal([field], codes.Keys);
        Assert.Equal([code], codes[field]);
    }
}
