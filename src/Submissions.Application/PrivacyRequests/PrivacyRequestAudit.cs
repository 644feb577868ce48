using Submissions.Domain.Privacy;
using Submissions.Storage.Audit;

namespace Submissions.Application.PrivacyRequests;

/// <summary>
/// Every self-service request and each of its outcomes in the audit log, by the person's keyed audit reference (never
/// the email), with the actor <see cref="Actor"/>: the person themselves, proven only by the mailbox.
/// </summary>
public sealed class PrivacyRequestAudit(AuditLog log, AuditReferenceHasher references, TimeProvider time)
{
    public const string Actor = "self-service";

    /// <summary>A request was made (scope: its kind). Recorded alike for known and unknown addresses.</summary>
    public const string Requested = "privacy-request";

    /// <summary>The owner of the address confirmed it.</summary>
    public const string Confirmed = "privacy-request-confirmed";

    /// <summary>The access bundle was downloaded (count: its records).</summary>
    public const string Downloaded = "privacy-request-download";

    /// <summary>The erasure finished (count: records removed).</summary>
    public const string Erased = "privacy-request-erasure";

    /// <summary>The request was never confirmed and was purged.</summary>
    public const string Expired = "privacy-request-expired";

    public Task RecordAsync(string action, string kind, string subjectKey, int count, CancellationToken cancellationToken) =>
        log.AppendAsync(new AuditRecord(Actor, action, kind, references.For(new SubjectKey(subjectKey)), count, time.GetUtcNow()), cancellationToken);
}
