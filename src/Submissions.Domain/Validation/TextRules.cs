using System.Globalization;
using System.Net.Mail;
using System.Text;
using FluentValidation;

namespace Submissions.Domain.Validation;

/// <summary>Reusable rules for free text coming from browsers.</summary>
public static class TextRules
{
    public const int MaxEmailLength = 254;
    private const int MaxEmailLocalPartLength = 64;

    /// <summary>
    /// Rejects control characters (C0, C1, DEL) and the bidirectional overrides and isolates that let a
    /// display name render differently from what is stored.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> WithoutControlCharacters<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => value is null || !ContainsControlCharacters(value))
            .WithMessage("'{PropertyName}' must not contain control or bidirectional-override characters.")
            .WithErrorCode(FieldErrorCodes.ControlCharacter);

    /// <summary>
    /// At least one character a reader can see: a name of only U+200B, spaces or combining marks would show as nothing
    /// (or as someone else's name) wherever it is displayed. Blank text is left to the field's own "not blank" rule.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> WithVisibleCharacter<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => value is null || value.Trim().Length == 0 || HasVisibleCharacter(value))
            .WithMessage("'{PropertyName}' must contain at least one visible character.")
            .WithErrorCode(FieldErrorCodes.NoVisibleCharacter);

    /// <summary>
    /// A plain addr-spec (no display name, no comments), at most 254 characters, with a dotted domain, and no invisible
    /// character: <c>local\u200B@example.test</c> would be a second subject key for one mailbox as people see it.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> PlainEmailAddress<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => value is null || !ContainsInvisibleCharacters(value))
            .WithMessage("'{PropertyName}' must not contain invisible characters (Unicode format characters such as U+200B or U+FEFF).")
            .WithErrorCode(FieldErrorCodes.InvisibleCharacter)
            .Must(value => value is null || ContainsInvisibleCharacters(value) || IsPlainEmailAddress(value))
            .WithMessage("'{PropertyName}' must be a valid email address.")
            .WithErrorCode(FieldErrorCodes.EmailFormat);

    public static bool ContainsControlCharacters(string value)
    {
        foreach (var rune in value.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Control || IsBidiControl(rune.Value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Unicode format characters (category Cf: U+00AD, U+200B–U+200F, U+2060, U+FEFF…) and the other default-ignorable
    /// code points (variation selectors, Hangul fillers, tags…): they render as nothing, so two strings that differ only
    /// by them look identical.
    /// </summary>
    public static bool ContainsInvisibleCharacters(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var rune in value.EnumerateRunes())
        {
            if (IsInvisible(rune))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when some character is a letter, digit, punctuation or symbol that renders as something.</summary>
    public static bool HasVisibleCharacter(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var rune in value.EnumerateRunes())
        {
            if (IsVisible(rune))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsPlainEmailAddress(string value)
    {
        if (value.Length > MaxEmailLength || value.Trim().Length != value.Length || ContainsControlCharacters(value) || ContainsInvisibleCharacters(value))
        {
            return false;
        }

        if (!MailAddress.TryCreate(value, out var address) || !string.Equals(address.Address, value, StringComparison.Ordinal))
        {
            return false;
        }

        var at = value.LastIndexOf('@');
        var localPart = value[..at];
        var domain = value[(at + 1)..];
        return localPart.Length is > 0 and <= MaxEmailLocalPartLength
            && !value.Any(char.IsWhiteSpace)
            && domain.Contains('.', StringComparison.Ordinal)
            && !domain.StartsWith('.')
            && !domain.EndsWith('.');
    }

    private static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format || IsDefaultIgnorable(rune.Value);

    private static bool IsVisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,

            // The Braille blank is a symbol that prints as a space.
            _ => !Rune.IsWhiteSpace(rune) && !IsDefaultIgnorable(rune.Value) && rune.Value != 0x2800,
        };

    /// <summary>Default_Ignorable_Code_Point of Unicode's DerivedCoreProperties (the Cf members are refused by category too).</summary>
    private static bool IsDefaultIgnorable(int codePoint) =>
        codePoint is 0x00AD or 0x034F or 0x061C or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or >= 0x180B and <= 0x180F
            or >= 0x200B and <= 0x200F or >= 0x202A and <= 0x202E or >= 0x2060 and <= 0x206F or 0x3164
            or >= 0xFE00 and <= 0xFE0F or 0xFEFF or 0xFFA0 or >= 0xFFF0 and <= 0xFFF8 or >= 0x1BCA0 and <= 0x1BCA3
            or >= 0x1D173 and <= 0x1D17A or >= 0xE0000 and <= 0xE0FFF;

    private static bool IsBidiControl(int codePoint) =>
        codePoint is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069 or 0x200E or 0x200F or 0x061C;
}
