namespace Submissions.Application.Confirmations;

/// <summary>The JSON answer to a confirmation: <c>confirmed</c>, <c>already-confirmed</c> or <c>already-entered</c>, and when.</summary>
public sealed record ConfirmationResponse(string Status, DateTimeOffset? ConfirmedAt);
