using Submissions.Application.OptOut;
using Submissions.Domain.Privacy;
using Submissions.Storage.Deliveries;
using Submissions.Storage.Partners;

namespace Submissions.Application.Deliveries;

/// <summary>
/// Sends a lead prepared on the entry's side: in one write of the owed row, the lease together with what is about to
/// leave (so a later stop or failure knows the partner may hold it), the disclosure recorded as pending beside it; then
/// — only then — the person's tombstone and own consent records read and the lead judged again; then the POST, and
/// the row ended by the partner's answer. Why this order: docs/architecture.md, "Partner delivery".
/// </summary>
internal sealed class LeadSending(
    OutboxAttempts<OwedDelivery> attempts,
    DeliveryEndings endings,
    LeadChecks checks,
    DeliveryStore store,
    SignedWebhookSender sender,
    PayloadFingerprinter fingerprints,
    PartnerRetries retries,
    OptOutLinks optOutLinks,
    TimeSpan postDuration,
    TimeProvider time)
{
    public async Task<DeliveryResult> SendAsync(OwedDelivery owed, CheckedLead prepared, LeadFacts facts, CancellationToken cancellationToken)
    {
        var earlier = PostingRecord.Of(owed);
        var payload = Record(owed, prepared, earlier);

        // The lease and the pending disclosure are both stored before the checks below read anything: an erasure or a
        // withdrawal that lands after those reads finds the disclosure, and the attempt in flight, and waits or tells.
        var claimed = attempts.TryClaimAsync(owed, cancellationToken);
        await Task.WhenAll(claimed, store.RecordPendingDisclosureAsync(owed, time.GetUtcNow(), cancellationToken));
        if (!await claimed)
        {
            await endings.AfterLostClaimAsync(owed, cancellationToken);
            throw attempts.Busy();
        }

        var own = await store.GetSubjectChecksAsync(owed.SubjectKey, facts.Labels!, cancellationToken);

        // Slow storage can spend most of the lease before here: renewed first (throwing when the row changed meanwhile),
        // and when it had run out an erasure may have begun in the gap unseen, so the tombstone is read again.
        if (await attempts.ExtendAsync(owed, postDuration, cancellationToken))
        {
            own = own with { ErasedAt = await store.ErasedAtAsync(owed.SubjectKey, cancellationToken) };
        }

        var check = await checks.CheckAsync(owed, facts, own, cancellationToken);
        if (check.Lead is not { } lead)
        {
            // Nothing of this attempt was posted: the row keeps only what earlier attempts may have sent.
            earlier.RestoreOn(owed);
            return await endings.EndAsync(owed, check, cancellationToken);
        }

        if (!LeadChecks.SameLead(lead, prepared))
        {
            // The person answered again in their own partition (a newer version granted): what leaves is recorded anew.
            payload = Record(owed, lead, earlier);
            await attempts.ExtendAsync(owed, postDuration, cancellationToken, store: true);
        }

        return await PostAsync(owed, lead, facts.Partner!, payload, earlier.FirstPostedAt, cancellationToken);
    }

    private async Task<DeliveryResult> PostAsync(
        OwedDelivery owed, CheckedLead lead, StoredPartner partner, byte[] payload, DateTimeOffset? earlierPost, CancellationToken cancellationToken)
    {
        WebhookAnswer answer;
        try
        {
            answer = await sender.PostAsync(lead.Target, owed.DeliveryId, payload, cancellationToken);
        }
        catch (TransientDeliveryException ex)
        {
            // The next attempt is a delayed queue message (or, the partner paused, a wait for its resume); this one is done.
            return await retries.AfterFailureAsync(attempts, owed, owed.PartnerId, ex.Reason, cancellationToken) switch
            {
                RetryDecision.Scheduled => DeliveryResult.RetryScheduled,
                RetryDecision.Paused => DeliveryResult.Paused,
                _ => await endings.FailAsync(owed, ex.Reason, cancellationToken),
            };
        }

        if (answer.Refusal is null)
        {
            var delivered = await endings.DeliveredAsync(owed, cancellationToken);
            await retries.Breaker.RecordSuccessAsync(partner, cancellationToken);
            return delivered;
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
    /// Puts what is about to leave on the owed row (FirstPostedAt, the fields, the consents, the fingerprint), to be
    /// stored with the lease. After an earlier body may have left, the record keeps every field and consent any body
    /// carried (the partner may hold them all), not just this one's. Returns the body.
    /// </summary>
    private byte[] Record(OwedDelivery owed, CheckedLead lead, PostingRecord earlier)
    {
        // Sealed and derived from the delivery: a retry carries the same link, and no two partners' links match.
        var withdraw = optOutLinks.ForPartnerLead(new SubjectKey(owed.SubjectKey), owed.PartnerId, lead.Entry.ConfirmedAt ?? lead.Entry.CreatedAt, owed.DeliveryId).Url;
        var payload = LeadPayload.Build(owed, lead.Entry, lead.Granted, lead.Fields, withdraw);
        owed.FirstPostedAt = earlier.FirstPostedAt ?? time.GetUtcNow();
        owed.FieldNames = LeadPayload.JoinAll(earlier.FirstPostedAt is null ? null : earlier.FieldNames, lead.Fields);
        owed.Consents = LeadPayload.JoinAll(earlier.FirstPostedAt is null ? null : earlier.Consents, LeadPayload.Consents(lead.Granted));
        owed.PayloadSha256 = fingerprints.Of(payload);
        return payload;
    }
}
