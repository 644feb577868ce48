namespace Submissions.Storage.Exports;

/// <summary>A half-open time range [From, To): a record exactly at <see cref="From"/> is in, one exactly at <see cref="To"/> is out.</summary>
public readonly record struct ExportRange(DateTimeOffset From, DateTimeOffset To);
