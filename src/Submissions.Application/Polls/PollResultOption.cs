namespace Submissions.Application.Polls;

/// <summary>An option and its published votes (absent until the poll's results are first published).</summary>
public sealed record PollResultOption(string OptionId, string Text, long? Votes);
