namespace Submissions.Application.Http;

/// <summary>RFC 9457 problem details. <see cref="Errors"/> maps JSON field paths to messages; values are never echoed.</summary>
public sealed record ProblemBody(
    string Type,
    string Title,
    int Status,
    string? Detail = null,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    string? TraceId = null);
