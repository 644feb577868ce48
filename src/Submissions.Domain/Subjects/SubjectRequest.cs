using FluentValidation;
using Submissions.Domain.Validation;

namespace Submissions.Domain.Subjects;

/// <summary>An admin's data-subject request about one person (access or erasure), who is named by email.</summary>
public sealed record SubjectRequest(string? Email);

/// <summary>
/// An admin's withdrawal on a person's behalf: one label, or — <c>labelId</c> left out — every consent they gave except
/// terms. A <c>null</c> label is refused, not read as "every consent".
/// </summary>
public sealed record WithdrawalRequest(string? Email, [property: RefuseNull] string? LabelId);

public sealed class SubjectRequestValidator : AbstractValidator<SubjectRequest>
{
    public SubjectRequestValidator() => PersonRules.RequiredEmail(RuleFor(request => request.Email));
}

public sealed class WithdrawalRequestValidator : AbstractValidator<WithdrawalRequest>
{
    public WithdrawalRequestValidator()
    {
        PersonRules.RequiredEmail(RuleFor(request => request.Email));
        RuleFor(request => request.LabelId)
            .Must(labelId => labelId is null || Identifiers.IsValid(labelId))
            .WithMessage("'labelId' must be a consent label id.");
    }
}
