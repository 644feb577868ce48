namespace Submissions.Domain.Statistics;

public sealed record DayCount(DateOnly Date, long? Count);
