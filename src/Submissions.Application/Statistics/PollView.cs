namespace Submissions.Application.Statistics;

public sealed record PollView(string PollId, IReadOnlyList<OptionView> Options, CountView TotalVotes);
