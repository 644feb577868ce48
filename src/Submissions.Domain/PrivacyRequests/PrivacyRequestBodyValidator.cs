using FluentValidation;
using Submissions.Domain.Validation;

namespace Submissions.Domain.PrivacyRequests;

/// <summary>The email as every form holds it, and a kind from <see cref="PrivacyRequestKinds"/>. Nothing here depends on whether the email is known.</summary>
public sealed class PrivacyRequestBodyValidator : AbstractValidator<PrivacyRequestBody>
{
    public PrivacyRequestBodyValidator()
    {
        PersonRules.RequiredEmail(RuleFor(request => request.Email));
        RuleFor(request => request.Kind)
            .NotEmpty().WithMessage("'kind' is required.")
            .Must(kind => kind is null || PrivacyRequestKinds.All.Contains(kind))
            .WithMessage("'kind' must be 'access' or 'erasure'.").WithErrorCode(FieldErrorCodes.NotAnOption)
            .WithName("kind");
    }
}
