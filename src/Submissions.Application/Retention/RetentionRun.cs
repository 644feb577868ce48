namespace Submissions.Application.Retention;

/// <summary>One run of the retention purges, as written to the purge report.</summary>
public sealed record RetentionRun(string RunId, DateTimeOffset RanAt, IReadOnlyList<PurgeResult> Results);
