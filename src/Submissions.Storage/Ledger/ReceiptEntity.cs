using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Ledger;

/// <summary>The receipt handed to the person: which answers one submission recorded. A point read by receipt id.</summary>
public sealed class ReceiptEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ReceiptId { get; set; } = string.Empty;
    public string? SubjectKey { get; set; }
    public string Form { get; set; } = string.Empty;
    public string SubmissionId { get; set; } = string.Empty;
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>"labelId:version:granted" entries, ';'-joined: ids only, no personal data.</summary>
    public string Answers { get; set; } = string.Empty;

    /// <summary>The confirmation the submission waits for (or waited for); null when it needed none.</summary>
    public string? ConfirmationId { get; set; }
}
