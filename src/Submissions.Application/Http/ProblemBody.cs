namespace Submissions.Application.Http;

/// <summary>
/// RFC 9457 problem details. <see cref="Errors"/> maps JSON field paths to messages, <see cref="Codes"/> the same paths
/// to each message's stable code; values are never echoed.
/// </summary>
public sealed record ProblemBody(
    string Type,
    string Title,
    int Status,
    string? Detail = null,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    string? TraceId = null,
    IReadOnlyDictionary<string, string[]>? Codes = null);
