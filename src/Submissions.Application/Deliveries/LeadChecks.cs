using Submissions.Domain.Delivery;
using Submissions.Storage.Deliveries;

namespace Submissions.Application.Deliveries;

/// <summary>
/// Judges a delivery on what was read, in the order that decides it: the person erased, the entry gone, no sharing
/// granted any more, then where the lead goes and which fields it may carry. The same judgement runs on the entry's
/// side alone (to prepare the lead) and again with the person's own partition (<see cref="SubjectChecks"/>) just before
/// the lead leaves.
/// </summary>
internal sealed class LeadChecks(SharingConsent consent, SignedWebhookSender sender)
{
    public async Task<LeadCheck> CheckAsync(OwedDelivery owed, LeadFacts facts, SubjectChecks? own, CancellationToken cancellationToken)
    {
        // An erased person's earlier entries are never delivered, even one that reappeared after the erasure
        // (a submission in flight while it ran).
        if (own?.ErasedAt is { } erasedAt && owed.CreatedAt <= erasedAt)
        {
            return LeadCheck.Stopped(DeliveryStop.SubjectErased);
        }

        if (facts.Entry is null || facts.Labels is null)
        {
            return LeadCheck.Refused("entry-missing");
        }

        var granted = await consent.GrantedAsync(owed, facts.Labels, facts.EntryAnswers, own?.Answers ?? [], cancellationToken);
        return granted.Count == 0 ? LeadCheck.Stopped(DeliveryStop.ConsentWithdrawn) : Destination(owed, facts, granted);
    }

    /// <summary>Whether two verdicts send the same lead: the same consents, hence the same fields and body.</summary>
    public static bool SameLead(CheckedLead first, CheckedLead second) =>
        LeadPayload.Consents(first.Granted).SequenceEqual(LeadPayload.Consents(second.Granted), StringComparer.Ordinal);

    /// <summary>
    /// Where the lead goes and which fields it may carry: an active partner with a usable URL and secret, and at least one
    /// field both its granted labels cover and the partner may receive. Otherwise the refusal, which will not heal by retrying.
    /// </summary>
    private LeadCheck Destination(OwedDelivery owed, LeadFacts facts, List<GrantedSharing> granted)
    {
        if (facts.Partner is not { Active: true } partner)
        {
            return LeadCheck.Refused("partner-inactive");
        }

        if (!sender.TryResolve(owed.PartnerId, partner.WebhookUrl, out var target, out var unusable))
        {
            return LeadCheck.Refused(unusable);
        }

        var fields = PartnerPayload.AllowedFields(granted.SelectMany(sharing => sharing.Label.Fields), partner.FieldList);
        return fields.Count == 0 ? LeadCheck.Refused("no-allowed-fields") : LeadCheck.Send(new CheckedLead(facts.Entry!, granted, target, fields));
    }
}
