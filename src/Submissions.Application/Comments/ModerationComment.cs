using Submissions.Storage.Comments;

namespace Submissions.Application.Comments;

/// <summary>What a moderator needs to decide: the text and the name as submitted; the email is not shown.</summary>
public sealed record ModerationComment(string Id, string PageId, string DisplayName, bool ShowName, string Text, string Status, DateTimeOffset CreatedAt, DateTimeOffset? ModeratedAt)
{
    public static ModerationComment From(StoredComment comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return new(comment.Id, comment.PageId, comment.DisplayName, comment.ShowName, comment.Text, comment.Status, comment.CreatedAt, comment.ModeratedAt);
    }
}
