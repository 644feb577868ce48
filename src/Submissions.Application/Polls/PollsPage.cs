namespace Submissions.Application.Polls;

/// <summary>A page of polls in id order, and the token of the next page (null on the last).</summary>
public sealed record PollsPage(IReadOnlyList<PollDefinitionView> Polls, string? ContinuationToken);
