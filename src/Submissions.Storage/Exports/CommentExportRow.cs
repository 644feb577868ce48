namespace Submissions.Storage.Exports;

/// <summary>One comment as the comments export writes it: its public id and page, never the commenter's email.</summary>
public sealed record CommentExportRow(
    string CommentId, string PageId, DateTimeOffset CreatedAt, string Status, DateTimeOffset? ModeratedAt, string DisplayName, bool ShowName, string Text, string ReceiptId)
{
    // It holds a person's values: printed (by a log, an exception, a debugger display) it shows none of them.
    public override string ToString() => nameof(CommentExportRow);
}
