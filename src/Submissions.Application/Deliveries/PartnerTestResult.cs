namespace Submissions.Application.Deliveries;

/// <summary>
/// The partner's answer to a test event: accepted (2xx), or why not — the reason words a dead letter uses
/// (<c>http-503</c>, <c>timeout</c>, <c>unreachable</c>, <c>destination-not-allowed</c>, <c>signing-secret-missing</c>).
/// </summary>
public sealed record PartnerTestResult(string PartnerId, string TestId, bool Accepted, string? Reason, long DurationMilliseconds);
