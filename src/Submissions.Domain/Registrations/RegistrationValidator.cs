using FluentValidation;
using Submissions.Domain.Consent;
using Submissions.Domain.Validation;

namespace Submissions.Domain.Registrations;

public sealed class RegistrationValidator : AbstractValidator<RegistrationRequest>
{
    public RegistrationValidator()
    {
        PersonRules.RequiredEmail(RuleFor(request => request.Email));
        PersonRules.DisplayName(RuleFor(request => request.DisplayName), "displayName");

        RuleFor(request => request.Profile!).SetValidator(new RegistrationProfileValidator()).When(request => request.Profile is not null);

        Include(new ConsentAnswersValidator<RegistrationRequest>());
    }
}
