namespace Submissions.Storage.Subjects;

/// <summary>Row keys of a subject's own rows; the ledger and idempotency rows beside them use their own prefixes.</summary>
public static class SubjectRowKeys
{
    public const string Member = "member";
}
