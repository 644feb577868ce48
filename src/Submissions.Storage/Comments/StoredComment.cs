namespace Submissions.Storage.Comments;

/// <summary>A comment as listed: what the public listing and the moderation queue may show (a listing reads only its own columns).</summary>
public sealed record StoredComment(
    string Id, string PageId, string DisplayName, bool ShowName, string Text, string Status, DateTimeOffset CreatedAt, DateTimeOffset? ModeratedAt)
{
    internal static StoredComment From(CommentEntity comment) =>
        new(comment.Id, comment.PartitionKey, comment.DisplayName, comment.ShowName, comment.Text, comment.Status, comment.CreatedAt, comment.ModeratedAt);

    // It holds a person's values: printed (by a log, an exception, a debugger display) it shows none of them.
    public override string ToString() => nameof(StoredComment);
}
