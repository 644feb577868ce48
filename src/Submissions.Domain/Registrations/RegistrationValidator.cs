using FluentValidation;
using Submissions.Domain.Consent;
using Submissions.Domain.Validation;

namespace Submissions.Domain.Registrations;

public sealed class RegistrationValidator : AbstractValidator<RegistrationRequest>
{
    public const int MaxDisplayNameLength = 64;

    public RegistrationValidator()
    {
        RuleFor(request => request.Email)
            .NotEmpty().WithMessage("'email' is required.")
            .MaximumLength(TextRules.MaxEmailLength).WithMessage($"'email' must be at most {TextRules.MaxEmailLength} characters.")
            .PlainEmailAddress().WithName("email");

        RuleFor(request => request.DisplayName)
            .NotEmpty().WithMessage("'displayName' is required.")
            .Must(name => name is null || name.Trim().Length > 0).WithMessage("'displayName' must not be blank.")
            .MaximumLength(MaxDisplayNameLength).WithMessage($"'displayName' must be at most {MaxDisplayNameLength} characters.")
            .WithoutControlCharacters().WithName("displayName");

        RuleFor(request => request.Profile!).SetValidator(new RegistrationProfileValidator()).When(request => request.Profile is not null);

        RuleFor(request => request.Consents)
            .NotNull().WithMessage("'consents' is required: answer every consent label the form shows.")
            .Must(consents => consents is null || consents.Count <= ConsentAnswerRules.MaxAnswers)
            .WithMessage($"'consents' may hold at most {ConsentAnswerRules.MaxAnswers} answers.");

        RuleForEach(request => request.Consents)
            .NotNull().WithMessage(ConsentAnswerRules.NullAnswerMessage)
            .SetValidator(new ConsentAnswerValidator());
    }
}

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
            .WithMessage($"'ageRange' must be one of: {string.Join(", ", RegistrationProfile.AgeRanges)}.");
        RuleFor(profile => profile.Gender)
            .MaximumLength(32).WithMessage("'gender' must be at most 32 characters.")
            .WithoutControlCharacters().WithName("gender");
    }
}
