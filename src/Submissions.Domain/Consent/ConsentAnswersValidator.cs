using FluentValidation;
using Submissions.Domain.Validation;

namespace Submissions.Domain.Consent;

/// <summary>The rules for a form's "consents" array: present, bounded, each answer a complete object. Included by each form's validator.</summary>
public sealed class ConsentAnswersValidator<T> : AbstractValidator<T>
    where T : IConsentingForm
{
    public ConsentAnswersValidator()
    {
        RuleFor(form => form.Consents)
            .NotNull().WithMessage("'consents' is required: answer every consent label the form shows.")
            .Must(list => list is null || list.Count <= ConsentAnswerRules.MaxAnswers)
            .WithMessage($"'consents' may hold at most {ConsentAnswerRules.MaxAnswers} answers.").WithErrorCode(FieldErrorCodes.TooLong);
        RuleForEach(form => form.Consents)
            .NotNull().WithMessage(ConsentAnswerRules.NullAnswerMessage).WithErrorCode(FieldErrorCodes.NullNotAllowed)
            .SetValidator(new ConsentAnswerValidator());
    }
}
