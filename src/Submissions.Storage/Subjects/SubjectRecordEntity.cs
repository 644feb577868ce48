using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Subjects;

/// <summary>
/// The person's index of a record kept outside their partition: a comment, vote or promotion entry lives in its page,
/// poll or promotion partition (that is what makes it one atomic write), and this row in the person's own partition
/// says where. Written before the record's transaction, so a committed record always has its index row; a failed
/// submission leaves a pointer to nothing, which access and erasure skip.
/// RowKey ref~{kind}~{partition}~{record row key}; ids and row keys only, never a personal value. A vote and an entry
/// are unique per person in their partition, so their index row is too, however often the form is retried.
/// </summary>
public sealed class SubjectRecordEntity : ITableEntity
{
    public const string RowKeyPrefix = "ref~";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The record kind of its form (<see cref="Forms.FormStorage.RecordKind"/>): comment, vote, promotion-entry, ...</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>The table's name without the deployment prefix (<see cref="SubmissionsTables"/> names).</summary>
    public string Table { get; set; } = string.Empty;

    /// <summary>The page, poll or promotion id: the partition the record lives in.</summary>
    public string Partition { get; set; } = string.Empty;

    /// <summary>The record's row: the comment, the voter~s~ row or the entry~ row, each carrying its ReceiptId.</summary>
    public string RecordRowKey { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public static string RowKeyFor(string kind, string partition, string recordRowKey) => $"{RowKeyPrefix}{kind}~{partition}~{recordRowKey}";
}
