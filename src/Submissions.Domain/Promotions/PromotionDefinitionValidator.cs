using FluentValidation;
using Submissions.Domain.Consent;
using Submissions.Domain.Validation;

namespace Submissions.Domain.Promotions;

public sealed class PromotionDefinitionValidator : AbstractValidator<PromotionDefinition>
{
    public const int MaxFields = 10;
    public const string FieldNamePattern = "^[a-z][a-zA-Z0-9]{0,31}\\z";
    private static readonly string[] ReservedFieldNames = ["email", "name"];

    public PromotionDefinitionValidator()
    {
        RuleFor(promotion => promotion.Title)
            .NotEmpty().WithMessage("'title' is required.")
            .MaximumLength(200).WithMessage("'title' must be at most 200 characters.")
            .WithoutControlCharacters().WithName("title");
        RuleFor(promotion => promotion.Partner)
            .NotEmpty().WithMessage("'partner' is required.")
            .Matches(ConsentAnswerRules.LabelIdPattern).WithMessage("'partner' must be a partner id.");
        RuleFor(promotion => promotion.SharingLabels)
            .NotEmpty().WithMessage("'sharingLabels' must name at least one partner-sharing consent label.")
            .Must(labels => labels is null || labels.Count <= 8).WithMessage("'sharingLabels' may name at most 8 labels.").WithErrorCode(FieldErrorCodes.TooLong);
        RuleForEach(promotion => promotion.SharingLabels)
            .NotNull().WithMessage("A sharing label must be a label id, not null.").WithErrorCode(FieldErrorCodes.NullNotAllowed)
            .Matches(ConsentAnswerRules.LabelIdPattern).WithMessage("Each sharing label must be a label id.");
        RuleFor(promotion => promotion.RequiresSharing)
            .NotNull().WithMessage("'requiresSharing' must be true or false.");
        RuleFor(promotion => promotion.Fields)
            .Must(fields => fields is null || fields.Count <= MaxFields).WithMessage($"A promotion asks for at most {MaxFields} extra fields.").WithErrorCode(FieldErrorCodes.TooLong)
            .Must(fields => fields is null || fields.Select(f => f?.Name).Distinct(StringComparer.Ordinal).Count() == fields.Count).WithMessage("Field names must be unique.").WithErrorCode(FieldErrorCodes.Duplicate);
        RuleForEach(promotion => promotion.Fields)
            .NotNull().WithMessage("A field must be an object with name, required and maxLength.").WithErrorCode(FieldErrorCodes.NullNotAllowed)
            .ChildRules(field =>
            {
                field.RuleFor(f => f!.Name)
                    .NotEmpty().WithMessage("'name' is required.")
                    .Matches(FieldNamePattern).WithMessage("'name' must be a camelCase identifier of up to 32 characters.")
                    .Must(name => !ReservedFieldNames.Contains(name, StringComparer.Ordinal)).WithMessage("'email' and 'name' are asked for by every entry already.");
                field.RuleFor(f => f!.Required).NotNull().WithMessage("'required' must be true or false.");
                field.RuleFor(f => f!.MaxLength).NotNull().InclusiveBetween(1, 1000).WithMessage("'maxLength' must be 1 to 1000.");
            });
        RuleFor(promotion => promotion.StartsAt).NotNull().WithMessage("'startsAt' is required.");
        RuleFor(promotion => promotion.EndsAt)
            .NotNull().WithMessage("'endsAt' is required.")
            .GreaterThan(promotion => promotion.StartsAt).When(promotion => promotion.StartsAt is not null).WithMessage("'endsAt' must be after 'startsAt'.");
    }
}
