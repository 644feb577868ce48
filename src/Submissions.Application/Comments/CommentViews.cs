using Submissions.Application.Forms;
using Submissions.Storage.Comments;

namespace Submissions.Application.Comments;

/// <summary>201 body of a comment submission.</summary>
public sealed record CommentSubmittedResponse(string Id, string Status, ConsentReceiptView Receipt);

/// <summary>What the public listing shows: no email, and the name only where its public display was granted.</summary>
public sealed record PublicComment(string Id, string? DisplayName, string Text, DateTimeOffset CreatedAt)
{
    public static PublicComment From(CommentEntity comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return new(comment.Id, comment.ShowName ? comment.DisplayName : null, comment.Text, comment.CreatedAt);
    }
}

public sealed record PublicCommentsResponse(IReadOnlyList<PublicComment> Comments, string? ContinuationToken);

/// <summary>What a moderator needs to decide: the text and the name as submitted; the email is not shown.</summary>
public sealed record ModerationComment(string Id, string PageId, string DisplayName, bool ShowName, string Text, string Status, DateTimeOffset CreatedAt, DateTimeOffset? ModeratedAt)
{
    public static ModerationComment From(CommentEntity comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return new(comment.Id, comment.PartitionKey, comment.DisplayName, comment.ShowName, comment.Text, comment.Status, comment.CreatedAt, comment.ModeratedAt);
    }
}

/// <summary>
/// The answer to approve/reject: what the decision changed, no personal data. The moderator decided on what the
/// audited moderation list showed; echoing the name and text here would be an unaudited read of them.
/// </summary>
public sealed record ModerationDecision(string Id, string PageId, string Status, DateTimeOffset? ModeratedAt)
{
    public static ModerationDecision From(ModeratedComment comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return new(CommentIds.Encode(comment.PageId, comment.RowKey), comment.PageId, comment.Status, comment.ModeratedAt);
    }
}

public sealed record ModerationCommentsResponse(string Status, IReadOnlyList<ModerationComment> Comments, string? ContinuationToken);
