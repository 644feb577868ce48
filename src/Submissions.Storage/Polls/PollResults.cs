namespace Submissions.Storage.Polls;

/// <param name="Poll">The poll.</param>
/// <param name="Votes">The live tallies per option (all-time, exact).</param>
/// <param name="Published">The results as last published, if ever.</param>
public sealed record PollResults(StoredPoll Poll, IReadOnlyDictionary<string, long> Votes, PublishedPollResults? Published);
