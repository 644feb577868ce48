namespace Submissions.Application.Statistics;

public sealed record SeriesView(string Form, IReadOnlyList<DayView> Days, CountView Total);
