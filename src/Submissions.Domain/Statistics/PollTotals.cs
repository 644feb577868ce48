namespace Submissions.Domain.Statistics;

public sealed record PollTotals(string PollId, IReadOnlyList<OptionTotal> Options, long? TotalVotes);
