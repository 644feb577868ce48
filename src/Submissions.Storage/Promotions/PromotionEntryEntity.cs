using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Promotions;

/// <summary>One entry per person: RowKey entry~{subject key}, so a second entry by the same email fails its Add.</summary>
public sealed class PromotionEntryEntity : ITableEntity
{
    public const string RowKeyPrefix = "entry~";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string EntryId { get; set; } = string.Empty;
    public string SubjectKey { get; set; } = string.Empty;
    public string Email { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public string FieldsJson { get; set; } = "{}";
    public bool SharingGranted { get; set; }
    public string ReceiptId { get; set; } = string.Empty;

    /// <summary>The delivery owed for this entry (its outbox row), when sharing was granted.</summary>
    public string? DeliveryId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The idempotency record stored with the entry, if its request had a key (erasure removes it too).</summary>
    public string? IdempotencyRowKey { get; set; }

    /// <summary>When the owner of the email confirmed the entry: an entry counts, and is delivered, only once confirmed.</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>The confirmation that made it take effect: erasure follows it to the confirmation record.</summary>
    public string? ConfirmationId { get; set; }

    public static string RowKeyFor(string subjectKey) => RowKeyPrefix + subjectKey;
}
