namespace Submissions.Application.PrivacyRequests;

/// <summary>
/// The JSON answer to confirming a privacy request: <c>confirmed</c> (access: the download link is on its way),
/// <c>erased</c>, <c>erasure-in-progress</c> (finishing; the last mail says when it is done), or <c>already-done</c>.
/// </summary>
public sealed record PrivacyRequestOutcome(string Status, string Kind, DateTimeOffset? ConfirmedAt, DateTimeOffset? CompletedAt);
