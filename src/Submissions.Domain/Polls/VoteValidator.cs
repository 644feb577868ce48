using FluentValidation;
using Submissions.Domain.Consent;
using Submissions.Domain.Validation;

namespace Submissions.Domain.Polls;

public sealed class VoteValidator : AbstractValidator<VoteRequest>
{
    public const string VoterTokenPattern = "^[A-Za-z0-9_-]{16,128}\\z";

    public VoteValidator()
    {
        RuleFor(vote => vote.OptionId)
            .NotEmpty().WithMessage("'optionId' is required.")
            .Matches(PollDefinitionValidator.OptionIdPattern).WithMessage("'optionId' is not a valid option id.");
        RuleFor(vote => vote.VoterToken)
            .Matches(VoterTokenPattern).WithMessage("'voterToken' must be 16 to 128 URL-safe characters.");
        RuleFor(vote => vote)
            .Must(vote => !string.IsNullOrEmpty(vote.VoterToken) || !string.IsNullOrEmpty(vote.Email))
            .WithName("voterToken").OverridePropertyName("voterToken")
            .WithMessage("A vote needs a 'voterToken' or an 'email' to make it one per voter.").WithErrorCode(FieldErrorCodes.Required);
        PersonRules.OptionalEmail(RuleFor(vote => vote.Email));
        Include(new ConsentAnswersValidator<VoteRequest>());
    }
}
