namespace Submissions.Domain.Subjects;

/// <summary>An admin's data-subject request about one person (access or erasure), who is named by email.</summary>
public sealed record SubjectRequest(string? Email);
