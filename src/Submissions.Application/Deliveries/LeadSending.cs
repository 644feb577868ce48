using Submissions.Domain.Privacy;
using Submissions.Storage.Deliveries;

namespace Submissions.Application.Deliveries;

/// <summary>
/// Sends one checked lead: records on the owed row what is about to leave before the first byte does, makes the lease
/// last the whole POST, posts it, and ends the row by the partner's answer.
/// </summary>
internal sealed class LeadSending(
    OutboxAttempts<OwedDelivery> attempts,
    DeliveryEndings endings,
    DeliveryStore store,
    SignedWebhookSender sender,
    PayloadFingerprinter fingerprints,
    TimeSpan postDuration,
    TimeProvider time)
{
    public async Task<DeliveryResult> SendAsync(OwedDelivery owed, CheckedLead lead, CancellationToken cancellationToken)
    {
        var payload = LeadPayload.Build(owed, lead.Entry, lead.Granted, lead.Fields);
        var earlierPost = owed.FirstPostedAt;
        if (await RecordAndHoldAsync(owed, lead, payload, cancellationToken) is { } lateErasure && owed.CreatedAt <= lateErasure)
        {
            // The lease had run out: an erasure that looked in that gap saw nothing in flight, but wrote its tombstone
            // first. Nothing of this attempt was posted.
            owed.FirstPostedAt = earlierPost;
            return await endings.StopAsync(owed, DeliveryStop.SubjectErased, cancellationToken);
        }

        WebhookAnswer answer;
        try
        {
            answer = await sender.PostAsync(lead.Target, owed.DeliveryId, payload, cancellationToken);
        }
        catch (TransientDeliveryException ex)
        {
            await attempts.ReleaseAsync(owed, ex.Reason, cancellationToken);
            throw;
        }

        if (answer.Refusal is null)
        {
            return await endings.DeliveredAsync(owed, cancellationToken);
        }

        // Redirects are not followed and a 4xx other than 408/429 will not change by retrying: a dead letter now. The
        // partner read the body to answer, so the disclosure stands; it is forgotten only when this send's one request
        // never connected (the destination guard) and no earlier one ever started.
        if (earlierPost is null && answer.NothingReachedPartner)
        {
            owed.FirstPostedAt = null;
        }

        return await endings.FailAsync(owed, answer.Refusal, cancellationToken);
    }

    /// <summary>
    /// Puts what is about to leave on the owed row (FirstPostedAt, the fields, the consents, the fingerprint), so however
    /// this attempt ends a later stop or failure knows the partner may hold it — one write for the first POST or a
    /// changed payload, none for a retry of the same one — and makes the lease last the whole POST: an erasure takes a
    /// delivery whose lease ran out for ended, tells the partner and answers 200, so a lead still on the wire would
    /// arrive after it. When the lease had run out before the renewal, the person's erasure time (or null) is read
    /// again; otherwise null.
    /// </summary>
    private async Task<DateTimeOffset?> RecordAndHoldAsync(OwedDelivery owed, CheckedLead lead, byte[] payload, CancellationToken cancellationToken)
    {
        // After an earlier body may have left, the record keeps every field and consent any body carried (the partner
        // may hold them all), not just this one's.
        var earlierPost = owed.FirstPostedAt;
        var posting = (
            Fields: LeadPayload.JoinAll(earlierPost is null ? null : owed.FieldNames, lead.Fields),
            Consents: LeadPayload.JoinAll(earlierPost is null ? null : owed.Consents, LeadPayload.Consents(lead.Granted)),
            Sha256: fingerprints.Of(payload));
        var unrecorded = earlierPost is null || (owed.FieldNames, owed.Consents, owed.PayloadSha256) != posting;
        owed.FirstPostedAt ??= time.GetUtcNow();
        (owed.FieldNames, owed.Consents, owed.PayloadSha256) = posting;

        // Slow storage can spend most of the lease before here; then it is renewed (one more write, only then).
        return await attempts.ExtendAsync(owed, postDuration, cancellationToken, store: unrecorded)
            ? await store.ErasedAtAsync(owed.SubjectKey, cancellationToken)
            : null;
    }
}
