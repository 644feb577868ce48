namespace Submissions.Storage.Notices;

/// <summary>What a partner is told: the webhook type of a notice.</summary>
public static class NoticeType
{
    public const string ConsentWithdrawn = "consent.withdrawn";
    public const string SubjectErased = "subject.erased";
}
