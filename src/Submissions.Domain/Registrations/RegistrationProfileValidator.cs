using FluentValidation;
using Submissions.Domain.Validation;

namespace Submissions.Domain.Registrations;

public sealed class RegistrationProfileValidator : AbstractValidator<RegistrationProfile>
{
    public RegistrationProfileValidator()
    {
        RuleFor(profile => profile.Language)
            .Matches("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,2}\\z").WithMessage("'language' must be a language tag such as 'en' or 'pt-BR'.");
        RuleFor(profile => profile.Country)
            .Matches("^[A-Z]{2}\\z").WithMessage("'country' must be an ISO 3166-1 alpha-2 code such as 'FI'.");
        RuleFor(profile => profile.AgeRange)
            .Must(range => range is null || RegistrationProfile.AgeRanges.Contains(range, StringComparer.Ordinal))
            .WithMessage($"'ageRange' must be one of: {string.Join(", ", RegistrationProfile.AgeRanges)}.").WithErrorCode(FieldErrorCodes.NotAnOption);
        RuleFor(profile => profile.Gender)
            .MaximumLength(32).WithMessage("'gender' must be at most 32 characters.")
            .WithoutControlCharacters().WithName("gender");
    }
}
