namespace Submissions.Domain.Consent;

/// <summary>An accepted, explicit answer to one label version.</summary>
public sealed record ConsentDecision(ConsentLabel Label, bool Granted);
