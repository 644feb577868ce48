namespace Submissions.Domain.Validation;

/// <summary>
/// The stable codes of field errors (a problem's <c>codes</c>): clients branch on these, never on message text, which
/// may be reworded.
/// </summary>
public static class FieldErrorCodes
{
    /// <summary>Any rule without a more specific code.</summary>
    public const string Invalid = "invalid";

    /// <summary>Missing, null or empty where a value is required.</summary>
    public const string Required = "required";

    /// <summary>Longer (or, for a list, larger) than allowed.</summary>
    public const string TooLong = "too-long";

    /// <summary>Control (C0, C1, DEL) or bidirectional-override characters.</summary>
    public const string ControlCharacter = "control-character";

    /// <summary>An invisible format character (Unicode Cf, or another default-ignorable code point) in an email.</summary>
    public const string InvisibleCharacter = "invisible-character";

    /// <summary>A name or text made only of spaces, marks and invisible characters.</summary>
    public const string NoVisibleCharacter = "no-visible-character";

    /// <summary>Not an email address of the accepted form.</summary>
    public const string EmailFormat = "email-format";

    /// <summary>A JSON null where the property must be a value or left out, or inside a list.</summary>
    public const string NullNotAllowed = "null-not-allowed";

    /// <summary>
    /// The code of a FluentValidation failure: ours when a rule set one, otherwise one by the kind of built-in rule.
    /// </summary>
    public static string For(string? errorCode) => errorCode switch
    {
        null or "" => Invalid,
        "NotEmptyValidator" or "NotNullValidator" => Required,
        "MaximumLengthValidator" or "LengthValidator" => TooLong,
        _ when errorCode.EndsWith("Validator", StringComparison.Ordinal) => Invalid,
        _ => errorCode,
    };
}
