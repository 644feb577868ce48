using System.Globalization;
using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Comments;

/// <summary>A comment. Only approved ones are listed, and their name only when public display was granted.</summary>
public sealed class CommentEntity : ITableEntity
{
    public const string RowKeyPrefix = "comment~";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Whether the public-display consent was granted: the listing shows the name only then.</summary>
    public bool ShowName { get; set; }

    public string? Email { get; set; }
    public string? SubjectKey { get; set; }
    public string Text { get; set; } = string.Empty;
    public string Status { get; set; } = string.Empty;
    public string ReceiptId { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ModeratedAt { get; set; }

    /// <summary>The idempotency record stored with the comment, if its request had a key (erasure removes it too).</summary>
    public string? IdempotencyRowKey { get; set; }

    /// <summary>comment~{inverted ticks}~{guid}: a page's comments sort newest first.</summary>
    public static string NewRowKey(DateTimeOffset createdAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{RowKeyPrefix}{DateTimeOffset.MaxValue.UtcTicks - createdAt.UtcTicks:D19}~{Guid.CreateVersion7():N}");

    [IgnoreDataMember]
    public string Id => CommentIds.Encode(PartitionKey, RowKey);
}
