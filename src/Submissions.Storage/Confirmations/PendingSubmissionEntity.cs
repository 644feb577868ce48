using Azure;
using Submissions.Storage.Outbox;

namespace Submissions.Storage.Confirmations;

/// <summary>
/// A submission waiting for its owner's confirmation (RowKey pending~{confirmation id}), in the partition where the
/// confirmed record will live, written in the submission's own transaction. It is also the outbox row of the
/// confirmation mail it owes: the mail's lease, attempts and dead letter live here. Confirmed, it is removed in the
/// transaction that writes the record and its ledger rows; unconfirmed, the retention purge removes it at
/// <see cref="ExpiresAt"/>.
/// </summary>
public sealed class PendingSubmissionEntity : IOutboxRow
{
    public const string RowKeyPrefix = "pending~";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ConfirmationId { get; set; } = string.Empty;
    public string Form { get; set; } = string.Empty;
    public string SubjectKey { get; set; } = string.Empty;
    public string Email { get; set; } = string.Empty;

    /// <summary>The display name (registration) or the entrant's name (promotion).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The form's other values as JSON: the profile of a registration, the fields of an entry.</summary>
    public string DataJson { get; set; } = "{}";

    /// <summary>Every answer given, with what the ledger needs to record it once confirmed (<see cref="PendingAnswer"/>).</summary>
    public string AnswersJson { get; set; } = "[]";

    public string ReceiptId { get; set; } = string.Empty;

    /// <summary>The registration or entry id the response gave.</summary>
    public string SubmissionId { get; set; } = string.Empty;

    /// <summary>
    /// The delivery the entry will owe its partner once confirmed (sharing granted), else null. Not "DeliveryId": no
    /// delivery exists yet, and erasure follows that column to outbox rows.
    /// </summary>
    public string? PlannedDeliveryId { get; set; }

    public string? PartnerId { get; set; }

    /// <summary>The idempotency record stored with it, if its request had a key (erasure removes it too).</summary>
    public string? IdempotencyRowKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>An entry to a promotion created before issue 18: confirming it also looks for the person's entry in the promotion's own partition.</summary>
    public bool? LegacyEntryCheck { get; set; }

    // The confirmation mail's outbox state.
    public string Status { get; set; } = OutboxStatus.Owed;
    public int Attempts { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    public DateTimeOffset? LastSentAt { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? LastError { get; set; }

    public static string RowKeyFor(string confirmationId) => RowKeyPrefix + confirmationId;
}
