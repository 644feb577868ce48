using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Confirmations;

/// <summary>
/// The ledger's append-only record that a submission was confirmed by the owner of its email (RowKey
/// confirmation~{confirmation id}), beside the receipt and consent rows it made take effect. Added once: a second
/// confirmation of the same submission finds it and changes nothing.
/// </summary>
public sealed class ConfirmationRecordEntity : ITableEntity
{
    public const string RowKeyPrefix = "confirmation~";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ConfirmationId { get; set; } = string.Empty;
    public string Form { get; set; } = string.Empty;
    public string ReceiptId { get; set; } = string.Empty;
    public string SubmissionId { get; set; } = string.Empty;

    /// <summary><see cref="ConfirmationMethods"/>: how the mailbox was proven.</summary>
    public string Method { get; set; } = string.Empty;

    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset ConfirmedAt { get; set; }

    /// <summary>What the confirmation came to: <see cref="ConfirmationResults"/>.</summary>
    public string Result { get; set; } = string.Empty;

    public static string RowKeyFor(string confirmationId) => RowKeyPrefix + confirmationId;
}
