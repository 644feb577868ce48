using FluentValidation;
using Submissions.Domain.Consent;
using Submissions.Domain.Validation;

namespace Submissions.Domain.Promotions;

public sealed class PromotionEntryValidator : AbstractValidator<PromotionEntryRequest>
{
    public PromotionEntryValidator()
    {
        PersonRules.RequiredEmail(RuleFor(entry => entry.Email));
        PersonRules.DisplayName(RuleFor(entry => entry.Name), "name");
        RuleFor(entry => entry.Fields)
            .Must(fields => fields is null || fields.Count <= PromotionDefinitionValidator.MaxFields)
            .WithMessage($"'fields' may hold at most {PromotionDefinitionValidator.MaxFields} values.").WithErrorCode(FieldErrorCodes.TooLong);
        Include(new ConsentAnswersValidator<PromotionEntryRequest>());
    }

    /// <summary>The extra fields against what this promotion asks for: required ones present, unknown ones refused, lengths held.</summary>
    public static FieldErrors CheckFields(IReadOnlyList<PromotionField> asked, IReadOnlyDictionary<string, string?>? given)
    {
        ArgumentNullException.ThrowIfNull(asked);
        var errors = new FieldErrors();
        var values = given ?? new Dictionary<string, string?>();
        foreach (var field in asked)
        {
            values.TryGetValue(field.Name!, out var value);
            var key = $"fields.{field.Name}";
            if (string.IsNullOrWhiteSpace(value))
            {
                if (field.Required == true)
                {
                    errors.Add(key, $"'{field.Name}' is required by this promotion.", FieldErrorCodes.Required);
                }

                continue;
            }

            if (value.Length > field.MaxLength)
            {
                errors.Add(key, $"'{field.Name}' must be at most {field.MaxLength} characters.", FieldErrorCodes.TooLong);
            }

            if (TextRules.ContainsControlCharacters(value))
            {
                errors.Add(key, $"'{field.Name}' must not contain control characters.", FieldErrorCodes.ControlCharacter);
            }
        }

        var index = 0;
        foreach (var name in values.Keys)
        {
            if (!asked.Any(field => field.Name == name))
            {
                // A key the promotion does not ask for is client input: reported by position, never echoed.
                errors.Add($"fields[{index}]", "This promotion does not ask for this field.", FieldErrorCodes.PromotionFieldUnknown);
            }

            index++;
        }

        return errors;
    }
}
