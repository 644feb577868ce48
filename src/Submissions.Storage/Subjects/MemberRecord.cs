namespace Submissions.Storage.Subjects;

/// <summary>The member fields a registration stores. Demographic fields are already null unless consented.</summary>
public sealed record MemberRecord(
    string Email,
    string DisplayName,
    string? Language,
    string? Country,
    string? AgeRange,
    string? Gender)
{
    // It holds a person's values: printed (by a log, an exception, a debugger display) it shows none of them.
    public override string ToString() => nameof(MemberRecord);
}
