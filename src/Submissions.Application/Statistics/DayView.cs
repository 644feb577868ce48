namespace Submissions.Application.Statistics;

public sealed record DayView(string Date, CountView Count);
