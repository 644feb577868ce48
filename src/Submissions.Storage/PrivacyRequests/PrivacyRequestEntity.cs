using Azure;
using Submissions.Storage.Outbox;

namespace Submissions.Storage.PrivacyRequests;

/// <summary>
/// One self-service privacy request (PartitionKey = request id, RowKey <see cref="RequestRowKey"/>), and the outbox row
/// of the mail it owes at its current <see cref="MailStage"/>. The request's own <see cref="Status"/> and
/// <see cref="CompletedAt"/> keep their plain names; the mail's are the <c>Mail…</c> columns, behind the outbox interface.
/// </summary>
public sealed class PrivacyRequestEntity : IOutboxRow
{
    public const string RequestRowKey = "request";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = RequestRowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary><c>access</c> or <c>erasure</c>.</summary>
    public string Kind { get; set; } = string.Empty;

    public string SubjectKey { get; set; } = string.Empty;

    /// <summary>Where the mails go; null once the request is completed and its last mail sent (or it expired).</summary>
    public string? Email { get; set; }

    /// <summary><see cref="PrivacyRequestStatus"/>.</summary>
    public string Status { get; set; } = PrivacyRequestStatus.AwaitingConfirmation;

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Until when the request's confirm link works (24 hours).</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Until when the download link of a confirmed access request works (24 hours from confirmation).</summary>
    public DateTimeOffset? DownloadExpiresAt { get; set; }

    /// <summary><see cref="PrivacyRequestMailStage"/>: which mail the outbox columns are about.</summary>
    public string MailStage { get; set; } = PrivacyRequestMailStage.Link;

    /// <summary>When the mail of the current stage became owed: what the outbox sweep ages it by.</summary>
    public DateTimeOffset MailOwedAt { get; set; }

    public string MailStatus { get; set; } = OutboxStatus.Owed;
    public int Attempts { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    public DateTimeOffset? LastSentAt { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? MailCompletedAt { get; set; }
    public string? LastError { get; set; }

    // Explicit, so the table columns keep the request's own Status and CompletedAt.
    string IOutboxRow.Status { get => MailStatus; set => MailStatus = value; }

    DateTimeOffset? IOutboxRow.CompletedAt { get => MailCompletedAt; set => MailCompletedAt = value; }
}
