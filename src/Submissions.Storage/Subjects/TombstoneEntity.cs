using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Subjects;

/// <summary>
/// What is left of an erased person: RowKey "tombstone" in their partition of Subjects — when, and counts of what was
/// removed; no email, no other personal value. Deliveries of anything entered before <see cref="ErasedAt"/> are refused,
/// so a record that reappears (a submission that was in flight during the erasure) is never delivered.
/// </summary>
public sealed class TombstoneEntity : ITableEntity
{
    public const string TombstoneRowKey = "tombstone";
    public const string InProgress = "in-progress";
    public const string Complete = "complete";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = TombstoneRowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset ErasedAt { get; set; }
    public string Status { get; set; } = InProgress;

    /// <summary>The erasure report (counts and notice ids, no personal data) as JSON.</summary>
    public string ReportJson { get; set; } = "{}";

    /// <summary>
    /// Until when the erasure that wrote it holds the person: another erasure of the same person meanwhile is refused
    /// instead of running beside it. Every write of a run is under the ETag of its previous one, so a run that outlived
    /// its lease and was taken over stops instead of overwriting the new holder. Cleared when the run ends; a crashed
    /// run's lease runs out.
    /// </summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
}
