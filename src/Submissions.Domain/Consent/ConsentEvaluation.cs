using Submissions.Domain.Validation;

namespace Submissions.Domain.Consent;

public sealed record ConsentEvaluation(IReadOnlyList<ConsentDecision> Decisions, FieldErrors Errors)
{
    public bool IsValid => Errors.IsEmpty;

    public bool IsGranted(string purpose) => Decisions.Any(decision => decision.Granted && decision.Label.Purpose == purpose);
}
