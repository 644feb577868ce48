using FluentValidation;
using Submissions.Domain.Consent;
using Submissions.Domain.Validation;

namespace Submissions.Functions.Tests.Forms;

/// <summary>The petition's own fields, held by the rules every form shares for emails and names.</summary>
public sealed class SignatureValidator : AbstractValidator<SignatureRequest>
{
    public SignatureValidator()
    {
        PersonRules.RequiredEmail(RuleFor(request => request.Email));
        PersonRules.DisplayName(RuleFor(request => request.Name), "name");
        Include(new ConsentAnswersValidator<SignatureRequest>());
    }
}
