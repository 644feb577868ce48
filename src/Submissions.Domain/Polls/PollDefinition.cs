namespace Submissions.Domain.Polls;

/// <summary>What an admin PUTs to create or update a poll.</summary>
public sealed record PollDefinition(string? Question, IReadOnlyList<PollOption?>? Options, string? Status);
