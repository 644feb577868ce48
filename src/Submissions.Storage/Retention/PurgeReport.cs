namespace Submissions.Storage.Retention;

/// <summary>What one purge kind removed in one retention run: counts and times only, never what the records held.</summary>
public sealed record PurgeReport(string Kind, int Count, DateTimeOffset Cutoff, DateTimeOffset RanAt, string RunId);
