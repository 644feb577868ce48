using FluentValidation;

namespace Submissions.Domain.Validation;

/// <summary>Rules for the person-describing fields several forms share, so every form holds names and emails alike.</summary>
public static class PersonRules
{
    public const int MaxDisplayNameLength = 64;

    public static void DisplayName<T>(IRuleBuilderInitial<T, string?> rule, string field) =>
        rule.NotEmpty().WithMessage($"'{field}' is required.")
            .Must(name => name is null || name.Trim().Length > 0).WithMessage($"'{field}' must not be blank.").WithErrorCode(FieldErrorCodes.Required)
            .WithVisibleCharacter()
            .MaximumLength(MaxDisplayNameLength).WithMessage($"'{field}' must be at most {MaxDisplayNameLength} characters.")
            .WithoutControlCharacters().WithName(field);

    public static void RequiredEmail<T>(IRuleBuilderInitial<T, string?> rule, string field = "email") =>
        rule.NotEmpty().WithMessage($"'{field}' is required.")
            .MaximumLength(TextRules.MaxEmailLength).WithMessage($"'{field}' must be at most {TextRules.MaxEmailLength} characters.")
            .PlainEmailAddress().WithName(field);

    public static void OptionalEmail<T>(IRuleBuilderInitial<T, string?> rule, string field = "email") =>
        rule.MaximumLength(TextRules.MaxEmailLength).WithMessage($"'{field}' must be at most {TextRules.MaxEmailLength} characters.")
            .PlainEmailAddress().WithName(field);
}
