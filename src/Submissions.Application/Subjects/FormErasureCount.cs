namespace Submissions.Application.Subjects;

/// <summary>How many of one form's records an erasure removed, under the form's name in the report (e.g. "comments").</summary>
public sealed record FormErasureCount(string Name, int Count);
