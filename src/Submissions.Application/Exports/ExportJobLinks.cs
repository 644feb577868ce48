namespace Submissions.Application.Exports;

/// <summary>Where a job's status is, and (once it has succeeded) its file.</summary>
public sealed record ExportJobLinks(string Self, string? File);
