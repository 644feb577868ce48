namespace Submissions.Storage.Comments;

/// <summary>A comment's moderation state after a decision: keys and status only, none of its personal columns.</summary>
public sealed record ModeratedComment(string PageId, string RowKey, string Status, DateTimeOffset? ModeratedAt)
{
    /// <summary>The comment's public id.</summary>
    public string Id => CommentIds.Encode(PageId, RowKey);
}
