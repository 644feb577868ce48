using Submissions.Application.Exports;
using Submissions.Application.Forms;
using Submissions.Application.Retention;
using Submissions.Application.Subjects;
using Submissions.Storage.Comments;

namespace Submissions.Application.Comments;

/// <summary>The comment form as access, erasure, exports and retention see it.</summary>
public static class CommentForm
{
    public static FormRegistration Registration { get; } = new(CommentFormStorage.Definition)
    {
        Access = new FormAccessSection("comments", CommentRecord.From),
        ConsentSource = "page",
        ErasureCount = "comments",
        Exports = [FormRegistration.Create<CommentExport>()],
        Purges = [FormRegistration.Create<UnmoderatedCommentPurge>()],
    };
}
