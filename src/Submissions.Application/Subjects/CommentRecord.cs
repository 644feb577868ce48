using Submissions.Storage.Comments;
using Submissions.Storage.Forms;

namespace Submissions.Application.Subjects;

/// <summary>A comment in its writer's access bundle.</summary>
public sealed record CommentRecord(
    string CommentId,
    string PageId,
    string? DisplayName,
    bool NameShown,
    string? Text,
    string? Status,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? ModeratedAt,
    string? ReceiptId)
{
    public static CommentRecord From(StoredRecord row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(
            CommentIds.Encode(row.Partition, row.Key),
            row.Partition,
            row.GetString("DisplayName"),
            row.GetBoolean("ShowName") ?? false,
            row.GetString("Text"),
            row.GetString("Status"),
            row.CreatedAt,
            row.GetDateTimeOffset("ModeratedAt"),
            row.ReceiptId);
    }
}
