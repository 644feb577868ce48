namespace Submissions.Storage.Comments;

/// <summary>
/// A comment to store, pending moderation. Its id is drawn when it is made, so the answer that names it can be built
/// (and stored for replay) before the comment is written.
/// </summary>
public sealed record NewComment(
    string PageId, string DisplayName, bool ShowName, string? Email, string? SubjectKey, string Text, DateTimeOffset CreatedAt)
{
    /// <summary>comment~{inverted ticks}~{guid}: a page's comments sort newest first.</summary>
    internal string RowKey { get; } = CommentEntity.NewRowKey(CreatedAt);

    /// <summary>The comment's public id.</summary>
    public string Id => CommentIds.Encode(PageId, RowKey);

    // It holds a person's values: printed (by a log, an exception, a debugger display) it shows none of them.
    public override string ToString() => nameof(NewComment);
}
