using Submissions.Domain.Privacy;

namespace Submissions.Domain.OptOut;

/// <summary>What a verified opt-out token says: whose, what to stop, and when it was issued.</summary>
public sealed record OptOutClaim(SubjectKey Subject, OptOutScope Scope, DateTimeOffset IssuedAt);
