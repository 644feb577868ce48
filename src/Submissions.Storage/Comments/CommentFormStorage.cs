using Submissions.Domain.Forms;
using Submissions.Storage.Forms;
using Submissions.Storage.Subjects;

namespace Submissions.Storage.Comments;

/// <summary>Where comments live: by page in Comments, each indexed in its author's partition when an email was given.</summary>
public static class CommentFormStorage
{
    public static FormStorage Definition { get; } = new(FormKind.Comment, SubjectRecordKinds.Comment, [SubmissionsTables.CommentsName]);
}
