namespace Submissions.Application.Http;

/// <summary>
/// The 503 a use case answers when storage fails it: its title, and the operation the failure is logged under (none:
/// not logged).
/// </summary>
public sealed record StorageUnavailableAnswer(string Title, string? Operation = null);
