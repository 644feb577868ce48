namespace Submissions.Storage.Polls;

public sealed record StoredPollOption(string OptionId, string Text);
