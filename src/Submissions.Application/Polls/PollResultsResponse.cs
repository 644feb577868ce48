namespace Submissions.Application.Polls;

/// <summary>
/// The published results: they change only in steps of at least <paramref name="ResultsStep"/> votes, and are absent
/// (no <c>votes</c>, no <c>totalVotes</c>) until that many votes were cast.
/// </summary>
public sealed record PollResultsResponse(
    string PollId, string Question, string Status, IReadOnlyList<PollResultOption> Options, long? TotalVotes, int ResultsStep, DateTimeOffset? PublishedAt);
