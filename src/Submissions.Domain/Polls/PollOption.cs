namespace Submissions.Domain.Polls;

public sealed record PollOption(string? OptionId, string? Text);
