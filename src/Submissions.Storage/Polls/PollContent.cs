namespace Submissions.Storage.Polls;

/// <summary>What an admin sets on a poll: its question, its options and whether it takes votes.</summary>
public sealed record PollContent(string Question, IReadOnlyList<StoredPollOption> Options, string Status);
