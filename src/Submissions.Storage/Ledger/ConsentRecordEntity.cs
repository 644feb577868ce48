using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Ledger;

/// <summary>One consent answer in the append-only ledger. Never updated; a withdrawal is a newer row.</summary>
public sealed class ConsentRecordEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The person, when the form identified one (an email); the partition may be the submission's, not theirs.</summary>
    public string? SubjectKey { get; set; }

    public string LabelId { get; set; } = string.Empty;
    public int Version { get; set; }
    public string Purpose { get; set; } = string.Empty;
    public string? PartnerId { get; set; }
    public string TextSha256 { get; set; } = string.Empty;
    public bool Granted { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string Form { get; set; } = string.Empty;
    public string SubmissionId { get; set; } = string.Empty;
    public string ReceiptId { get; set; } = string.Empty;

    /// <summary>When the owner of the email confirmed the submission this answer came with; null when none was needed.</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>How they confirmed it (<c>email-link</c>, <c>preference-centre</c>); null when no confirmation was needed.</summary>
    public string? ConfirmationMethod { get; set; }
}
