using FluentValidation;
using Submissions.Domain.Validation;

namespace Submissions.Domain.Subjects;

public sealed class WithdrawalRequestValidator : AbstractValidator<WithdrawalRequest>
{
    public WithdrawalRequestValidator()
    {
        PersonRules.RequiredEmail(RuleFor(request => request.Email));
        RuleFor(request => request.LabelId)
            .Must(labelId => labelId is null || Identifiers.IsValid(labelId))
            .WithMessage("'labelId' must be a consent label id.").WithErrorCode(FieldErrorCodes.InvalidFormat);
    }
}
