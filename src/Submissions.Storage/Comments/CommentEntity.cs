using System.Buffers.Text;
using System.Globalization;
using System.Runtime.Serialization;
using System.Text;
using System.Text.RegularExpressions;
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

/// <summary>A comment's public id: its page and row key, base64url-encoded, so a moderator's action is one point read.</summary>
public static partial class CommentIds
{
    private const char Separator = '|';

    public static string Encode(string pageId, string rowKey) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{pageId}{Separator}{rowKey}"));

    public static bool TryDecode(string? commentId, out string pageId, out string rowKey)
    {
        pageId = rowKey = string.Empty;
        if (string.IsNullOrEmpty(commentId) || commentId.Length > 512 || !Base64Url.IsValid(commentId))
        {
            return false;
        }

        // An id is client input: both parts must have exactly the shape this app writes before they reach storage.
        var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(commentId)).Split(Separator);
        if (parts.Length != 2 || !Domain.Comments.CommentValidator.IsValidPageId(parts[0]) || !RowKeyRegex().IsMatch(parts[1]))
        {
            return false;
        }

        (pageId, rowKey) = (parts[0], parts[1]);
        return true;
    }

    [GeneratedRegex("^comment~[0-9]{19}~[0-9a-f]{32}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex RowKeyRegex();
}
