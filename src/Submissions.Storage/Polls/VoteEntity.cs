using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Polls;

/// <summary>One row per voter key (voter~t~{token key}, voter~s~{subject key}): its Add is what makes a vote unique.</summary>
public sealed class VoteEntity : ITableEntity
{
    public const string RowKeyPrefix = "voter~";
    public const string SubjectRowKeyPrefix = RowKeyPrefix + "s~";
    public const string TokenRowKeyPrefix = RowKeyPrefix + "t~";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string VoteId { get; set; } = string.Empty;
    public string OptionId { get; set; } = string.Empty;
    public string? SubjectKey { get; set; }

    /// <summary>On the row keyed by the person: the row of the same vote keyed by voter token, if there is one.</summary>
    public string? TokenRowKey { get; set; }

    public string ReceiptId { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The idempotency record stored with the vote, if its request had a key (erasure removes it too).</summary>
    public string? IdempotencyRowKey { get; set; }

    public static string TokenRowKeyFor(string voterKey) => TokenRowKeyPrefix + voterKey;

    public static string SubjectRowKey(string subjectKey) => SubjectRowKeyPrefix + subjectKey;

    /// <summary>
    /// Whether this voter row stands for its vote (in an export, in the export day index): a token row, or an email row
    /// without one — a vote cast with both has both rows, and is the token row's.
    /// </summary>
    public static bool StandsForItsVote(string rowKey, string? tokenRowKey)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        return rowKey.StartsWith(TokenRowKeyPrefix, StringComparison.Ordinal)
            || (rowKey.StartsWith(SubjectRowKeyPrefix, StringComparison.Ordinal) && string.IsNullOrEmpty(tokenRowKey));
    }
}
