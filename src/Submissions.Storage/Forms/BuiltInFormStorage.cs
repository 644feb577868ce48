using Submissions.Domain.Forms;
using Submissions.Storage.Subjects;

namespace Submissions.Storage.Forms;

/// <summary>Where the four built-in forms keep their records.</summary>
public static class BuiltInFormStorage
{
    /// <summary>The member row lives in the person's own partition: no index row points at it.</summary>
    public static FormStorage Registration { get; } = new(FormKind.Registration, null, [SubmissionsTables.SubjectsName]);

    public static FormStorage Comment { get; } = new(FormKind.Comment, SubjectRecordKinds.Comment, [SubmissionsTables.CommentsName]);

    public static FormStorage Vote { get; } = new(FormKind.Poll, SubjectRecordKinds.Vote, [SubmissionsTables.PollsName]);

    public static FormStorage PromotionEntry { get; } = new(FormKind.Promotion, SubjectRecordKinds.PromotionEntry, [SubmissionsTables.PromotionsName]);

    /// <summary>In the order their idempotency rows are purged and their tables looked up.</summary>
    public static IReadOnlyList<FormStorage> All { get; } = [Registration, Comment, Vote, PromotionEntry];
}
