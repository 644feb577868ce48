using FluentValidation;
using Submissions.Domain.Forms;
using Submissions.Domain.Validation;

namespace Submissions.Domain.Consent;

public sealed class ConsentLabelDefinitionValidator : AbstractValidator<ConsentLabelDefinition>
{
    public const int MaxTextLength = 4000;
    private const string FieldNamePattern = "^[a-zA-Z][a-zA-Z0-9]{0,63}(\\.[a-zA-Z][a-zA-Z0-9]{0,63})?\\z";

    public ConsentLabelDefinitionValidator()
    {
        RuleFor(definition => definition.Purpose)
            .Must(ConsentPurpose.IsKnown).WithMessage($"'purpose' must be one of: {string.Join(", ", ConsentPurpose.All)}.").WithErrorCode(FieldErrorCodes.NotAnOption);
        RuleFor(definition => definition.Text)
            .NotEmpty().WithMessage("'text' is required: it is the exact wording the form shows.")
            .MaximumLength(MaxTextLength).WithMessage($"'text' must be at most {MaxTextLength} characters.")
            .Must(text => text is null || !TextRules.ContainsControlCharacters(text.Replace("\n", string.Empty, StringComparison.Ordinal)))
            .WithMessage("'text' must not contain control characters other than line breaks.").WithErrorCode(FieldErrorCodes.ControlCharacter);
        RuleFor(definition => definition.Required)
            .NotNull().WithMessage("'required' must be true or false.");
        RuleFor(definition => definition.Forms)
            .NotEmpty().WithMessage("'forms' must list at least one form.")
            .Must(forms => forms is null || forms.All(form => form is not null)).WithMessage("A form must be a form name, not null.").WithErrorCode(FieldErrorCodes.NullNotAllowed)
            .Must(forms => forms is null || forms.All(form => form is null || FormKind.IsKnown(form))).WithMessage($"'forms' may contain only: {string.Join(", ", FormKind.All)}.").WithErrorCode(FieldErrorCodes.NotAnOption)
            .Must(forms => forms is null || forms.Distinct(StringComparer.Ordinal).Count() == forms.Count).WithMessage("'forms' must not repeat a form.").WithErrorCode(FieldErrorCodes.Duplicate);
        RuleFor(definition => definition.Fields)
            .NotNull().WithMessage("'fields' must list the data fields the label covers (it may be empty).")
            .Must(fields => fields is null || fields.Count <= 32).WithMessage("'fields' may list at most 32 fields.").WithErrorCode(FieldErrorCodes.TooLong);
        RuleForEach(definition => definition.Fields)
            .NotNull().WithMessage("A field must be a field name, not null.").WithErrorCode(FieldErrorCodes.NullNotAllowed)
            .Matches(FieldNamePattern).WithMessage("Each field must be a field name such as 'email' or 'profile.country'.");
        RuleFor(definition => definition.Partner)
            .NotEmpty().When(definition => definition.Purpose == ConsentPurpose.PartnerSharing)
            .WithMessage("'partner' is required for a partner-sharing label: the person must know who receives their data.");
        RuleFor(definition => definition.Partner)
            .Matches(ConsentAnswerRules.LabelIdPattern).When(definition => definition.Partner is not null)
            .WithMessage("'partner' must be a partner id (lower-case letters, digits and dashes).");
        RuleFor(definition => definition.Partner)
            .Null().When(definition => definition.Purpose is not null && definition.Purpose != ConsentPurpose.PartnerSharing)
            .WithMessage("'partner' is only allowed on partner-sharing labels.");
        RuleFor(definition => definition.Status)
            .Must(status => status is null || ConsentLabelStatus.IsKnown(status))
            .WithMessage($"'status' must be '{ConsentLabelStatus.Active}' or '{ConsentLabelStatus.Retired}'.").WithErrorCode(FieldErrorCodes.NotAnOption);
    }
}
