using Submissions.Storage.Comments;

namespace Submissions.Application.Comments;

/// <summary>
/// The answer to approve/reject: what the decision changed, no personal data. The moderator decided on what the
/// audited moderation list showed; echoing the name and text here would be an unaudited read of them.
/// </summary>
public sealed record ModerationDecision(string Id, string PageId, string Status, DateTimeOffset? ModeratedAt)
{
    public static ModerationDecision From(ModeratedComment comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return new(comment.Id, comment.PageId, comment.Status, comment.ModeratedAt);
    }
}
