using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Confirmations;

/// <summary>
/// Where a confirmation's pending submission is (PartitionKey = confirmation id, RowKey "pointer"), so a confirm link
/// and a mail queue message can name a submission by id alone. Written before the submission's transaction: a pointer
/// whose submission never committed points at nothing and expires with it. No personal value; <see cref="Partition"/>
/// is a promotion id or, for a registration, the subject key.
/// </summary>
public sealed class ConfirmationPointerEntity : ITableEntity
{
    public const string PointerRowKey = "pointer";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = PointerRowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The form (registration, promotion).</summary>
    public string Form { get; set; } = string.Empty;

    /// <summary>The table holding the pending row, by name without the deployment prefix.</summary>
    public string TableName { get; set; } = string.Empty;

    public string Partition { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
