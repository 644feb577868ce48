using Submissions.Storage.Outbox;

namespace Submissions.Storage.PrivacyRequests;

/// <summary>A stored privacy request, and the outbox state of the mail it owes at its <see cref="MailStage"/>.</summary>
public sealed class PrivacyRequest : OutboxItem
{
    internal PrivacyRequest(PrivacyRequestEntity row)
        : base(row) => Entity = row;

    public string RequestId => Entity.PartitionKey;

    public string Kind => Entity.Kind;

    public string SubjectKey => Entity.SubjectKey;

    public string? Email => Entity.Email;

    public string RequestStatus => Entity.Status;

    public DateTimeOffset RequestedAt => Entity.CreatedAt;

    public DateTimeOffset? ConfirmedAt => Entity.ConfirmedAt;

    public DateTimeOffset? RequestCompletedAt => Entity.CompletedAt;

    public DateTimeOffset ExpiresAt => Entity.ExpiresAt;

    public DateTimeOffset? DownloadExpiresAt => Entity.DownloadExpiresAt;

    public string MailStage => Entity.MailStage;

    internal PrivacyRequestEntity Entity { get; }

    /// <summary>Confirmed: the next mail (<paramref name="stage"/>) is owed from now on, its outbox state fresh.</summary>
    public void Confirm(DateTimeOffset now, string stage, DateTimeOffset? downloadExpiresAt)
    {
        Entity.Status = PrivacyRequestStatus.Confirmed;
        Entity.ConfirmedAt = now;
        Entity.DownloadExpiresAt = downloadExpiresAt;
        Entity.MailStage = stage;
        Entity.MailOwedAt = now;
        Entity.MailStatus = OutboxStatus.Owed;
        Entity.Attempts = 0;
        Entity.ClaimedUntil = null;
        Entity.LastSentAt = null;
        Entity.MailCompletedAt = null;
        Entity.LastError = null;
    }

    /// <summary>The request is answered (its data erased, or its bundle's link on its way).</summary>
    public void Complete(DateTimeOffset now)
    {
        Entity.Status = PrivacyRequestStatus.Completed;
        Entity.CompletedAt ??= now;
    }

    /// <summary>Never confirmed in time: the address is no longer needed.</summary>
    public void Expire()
    {
        Entity.Status = PrivacyRequestStatus.Expired;
        Entity.Email = null;
    }

    /// <summary>The last mail has been sent: the address goes with the same write.</summary>
    public void ForgetEmail() => Entity.Email = null;

    // It holds an address: printed, it shows none of it.
    public override string ToString() => nameof(PrivacyRequest);
}
