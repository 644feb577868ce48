namespace Submissions.Domain.Statistics;

/// <summary>One count per UTC day of the range (zero days included), and the range total.</summary>
public sealed record DailySeries(string Name, IReadOnlyList<DayCount> Days, long? Total);
