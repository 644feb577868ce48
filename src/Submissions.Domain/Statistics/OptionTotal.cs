namespace Submissions.Domain.Statistics;

public sealed record OptionTotal(string OptionId, long? Votes);
