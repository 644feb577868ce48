namespace Submissions.Application.Statistics;

public sealed record OptionView(string OptionId, CountView Votes);
