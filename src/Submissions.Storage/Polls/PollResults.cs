namespace Submissions.Storage.Polls;

/// <param name="Poll">The poll, with its totals as last recounted.</param>
/// <param name="Published">The results as last published, if ever.</param>
public sealed record PollResults(StoredPoll Poll, PublishedPollResults? Published);
