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
            .WithMessage("'{PropertyName}' must not contain control or bidirectional-override characters.");

    /// <summary>A plain addr-spec (no display name, no comments), at most 254 characters, with a dotted domain.</summary>
    public static IRuleBuilderOptions<T, string?> PlainEmailAddress<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => value is null || IsPlainEmailAddress(value))
            .WithMessage("'{PropertyName}' must be a valid email address.");

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

    public static bool IsPlainEmailAddress(string value)
    {
        if (value.Length > MaxEmailLength || value.Trim().Length != value.Length || ContainsControlCharacters(value))
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

    private static bool IsBidiControl(int codePoint) =>
        codePoint is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069 or 0x200E or 0x200F or 0x061C;
}
