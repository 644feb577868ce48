namespace Submissions.Application.Retention;

/// <summary>A page of purge reports, newest run first, within [from, to), and the token of the next page (null on the last).</summary>
public sealed record PurgeReportsPage(DateOnly From, DateOnly To, IReadOnlyList<PurgeReportView> Reports, string? ContinuationToken);
