using FluentValidation;
using Submissions.Domain.Validation;

namespace Submissions.Domain.Polls;

public sealed class PollDefinitionValidator : AbstractValidator<PollDefinition>
{
    public const int MaxOptions = 20;
    public const string OptionIdPattern = "^[a-z0-9][a-z0-9-]{0,31}\\z";

    public PollDefinitionValidator()
    {
        RuleFor(poll => poll.Question)
            .NotEmpty().WithMessage("'question' is required.")
            .MaximumLength(300).WithMessage("'question' must be at most 300 characters.")
            .WithoutControlCharacters().WithName("question");
        RuleFor(poll => poll.Options)
            .NotNull().WithMessage("'options' is required.")
            .Must(options => options is null || options.Count is >= 2 and <= MaxOptions).WithMessage($"A poll has 2 to {MaxOptions} options.").WithErrorCode(FieldErrorCodes.OutOfRange)
            .Must(options => options is null || options.Where(o => o?.OptionId is not null).Select(o => o!.OptionId).Distinct(StringComparer.Ordinal).Count() == options.Count(o => o?.OptionId is not null))
            .WithMessage("Option ids must be unique.").WithErrorCode(FieldErrorCodes.Duplicate);
        RuleForEach(poll => poll.Options)
            .NotNull().WithMessage("An option must be an object with optionId and text.").WithErrorCode(FieldErrorCodes.NullNotAllowed)
            .ChildRules(option =>
            {
                option.RuleFor(o => o!.OptionId)
                    .NotEmpty().WithMessage("'optionId' is required.")
                    .Matches(OptionIdPattern).WithMessage("'optionId' must be 1 to 32 lower-case letters, digits or dashes.");
                option.RuleFor(o => o!.Text)
                    .NotEmpty().WithMessage("'text' is required.")
                    .MaximumLength(200).WithMessage("'text' must be at most 200 characters.")
                    .WithoutControlCharacters().WithName("text");
            });
        RuleFor(poll => poll.Status)
            .Must(PollStatus.IsKnown).WithMessage($"'status' must be '{PollStatus.Open}' or '{PollStatus.Closed}'.").WithErrorCode(FieldErrorCodes.NotAnOption);
    }
}
