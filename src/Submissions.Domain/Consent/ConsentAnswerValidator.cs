using FluentValidation;
using Submissions.Domain.Validation;

namespace Submissions.Domain.Consent;

public static class ConsentAnswerRules
{
    public const int MaxAnswers = 32;
    public const string LabelIdPattern = Identifiers.Pattern;
    public const string NullAnswerMessage = "A consent answer must be an object with labelId, version and granted.";
}

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

/// <summary>A form that carries consent answers.</summary>
public interface IConsentingForm
{
    IReadOnlyList<ConsentAnswerInput?>? Consents { get; }
}

/// <summary>The rules for a form's "consents" array: present, bounded, each answer a complete object. Included by each form's validator.</summary>
public sealed class ConsentAnswersValidator<T> : AbstractValidator<T>
    where T : IConsentingForm
{
    public ConsentAnswersValidator()
    {
        RuleFor(form => form.Consents)
            .NotNull().WithMessage("'consents' is required: answer every consent label the form shows.")
            .Must(list => list is null || list.Count <= ConsentAnswerRules.MaxAnswers)
            .WithMessage($"'consents' may hold at most {ConsentAnswerRules.MaxAnswers} answers.");
        RuleForEach(form => form.Consents)
            .NotNull().WithMessage(ConsentAnswerRules.NullAnswerMessage).WithErrorCode(FieldErrorCodes.NullNotAllowed)
            .SetValidator(new ConsentAnswerValidator());
    }
}
