namespace Submissions.Application.Deliveries;

/// <summary>Raised when a webhook would connect to an address the guard refuses; never retried.</summary>
public sealed class DestinationNotAllowedException(string message) : Exception(message);
