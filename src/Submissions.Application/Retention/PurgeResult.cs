namespace Submissions.Application.Retention;

/// <summary>What one purge removed: a count of records of its kind, and the instant they had to be older than.</summary>
public sealed record PurgeResult(string Kind, int Count, DateTimeOffset Cutoff);
