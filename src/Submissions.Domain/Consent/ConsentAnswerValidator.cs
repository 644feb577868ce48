using FluentValidation;

namespace Submissions.Domain.Consent;

/// <summary>The shape of one answer; whether it answers the right label and version is the evaluator's job.</summary>
public sealed class ConsentAnswerValidator : AbstractValidator<ConsentAnswerInput?>
{
    public ConsentAnswerValidator()
    {
        // A null element never reaches a child validator; the form's validator reports it.
        RuleFor(answer => answer!.LabelId)
            .NotEmpty().WithMessage("'labelId' is required.")
            .Matches(ConsentAnswerRules.LabelIdPattern).WithMessage("'labelId' is not a valid label id.");
        RuleFor(answer => answer!.Version)
            .NotNull().WithMessage("'version' is required.")
            .GreaterThan(0).WithMessage("'version' must be a positive integer.");
        RuleFor(answer => answer!.Granted)
            .NotNull().WithMessage("'granted' must be answered explicitly with true or false.");
    }
}
