namespace Submissions.Domain.Validation;

/// <summary>
/// The stable codes of field errors (a problem's <c>codes</c>): clients branch on these, never on message text, which
/// may be reworded. A closed set: each is listed with its meaning in docs/problems.md and in docs/openapi.yaml
/// (<c>FieldErrorCode</c>), and a test holds both to the constants here.
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

    /// <summary>Not of the required shape: an id, a date, a language tag, a header value.</summary>
    public const string InvalidFormat = "invalid-format";

    /// <summary>A number, count or range outside its bounds (a version below 1, a range too long or reversed).</summary>
    public const string OutOfRange = "out-of-range";

    /// <summary>Not one of the values allowed here: a poll's options, an age range, a form name, a status.</summary>
    public const string NotAnOption = "not-an-option";

    /// <summary>The same thing twice where it must be once: a label answered twice, a repeated field or option id.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>Names a partner or consent label that does not exist (admin definitions).</summary>
    public const string UnknownReference = "unknown-reference";

    /// <summary>An active label of the form was not answered: show it and ask for an explicit answer.</summary>
    public const string ConsentMissing = "consent-missing";

    /// <summary>A label that must be granted (required for the form, or the promotion's sharing) was declined.</summary>
    public const string ConsentRequired = "consent-required";

    /// <summary>An old version of a label, or a retired label, was answered: reload the labels and ask again.</summary>
    public const string ConsentVersionRetired = "consent-version-retired";

    /// <summary>A version of a label that never existed was answered: reload the labels and ask again.</summary>
    public const string ConsentVersionUnknown = "consent-version-unknown";

    /// <summary>A label the catalog does not have for this form (or for this promotion) was answered.</summary>
    public const string ConsentUnknown = "consent-unknown";

    /// <summary>A promotion entry gave a field the promotion does not ask for.</summary>
    public const string PromotionFieldUnknown = "promotion-field-unknown";

    /// <summary>
    /// The code of a FluentValidation failure: ours when a rule set one, otherwise one by the kind of built-in rule.
    /// </summary>
    public static string For(string? errorCode) => errorCode switch
    {
        null or "" => Invalid,
        "NotEmptyValidator" or "NotNullValidator" => Required,
        "MaximumLengthValidator" or "LengthValidator" => TooLong,
        "RegularExpressionValidator" => InvalidFormat,
        "GreaterThanValidator" or "GreaterThanOrEqualValidator" or "LessThanValidator" or "LessThanOrEqualValidator"
            or "InclusiveBetweenValidator" or "ExclusiveBetweenValidator" => OutOfRange,
        _ when errorCode.EndsWith("Validator", StringComparison.Ordinal) => Invalid,
        _ => errorCode,
    };
}
