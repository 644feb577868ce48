namespace Submissions.Domain.Subjects;

/// <summary>An admin's data-subject request about one person (access or erasure), who is named by email.</summary>
public sealed record SubjectRequest(string? Email)
{
    // It holds a person's values: printed (by a log, an exception, a debugger display) it shows none of them.
    public override string ToString() => nameof(SubjectRequest);
}
