using FluentValidation;
using Submissions.Domain.Validation;

namespace Submissions.Domain.Subjects;

public sealed class SubjectRequestValidator : AbstractValidator<SubjectRequest>
{
    public SubjectRequestValidator() => PersonRules.RequiredEmail(RuleFor(request => request.Email));
}
