using Submissions.Application.ConsentLabels;
using Submissions.Domain.Consent;
using Submissions.Storage.Deliveries;

namespace Submissions.Application.Deliveries;

/// <summary>
/// Consent as it stands at delivery time: of the partner-sharing labels a receipt answered for this partner, those the
/// person's newest answer still grants. A withdrawal after the entry stops the delivery.
/// </summary>
internal sealed class SharingConsent(DeliveryStore store, ConsentLabelCatalog catalog)
{
    /// <summary>The sharings granted now, from the receipt's <paramref name="answers"/> ("labelId:version:granted", ';'-joined).</summary>
    public async Task<List<GrantedSharing>> GrantedAsync(OwedDelivery owed, string answers, CancellationToken cancellationToken)
    {
        var labels = await catalog.GetAsync(cancellationToken);
        var granted = new List<GrantedSharing>();
        foreach (var labelId in ReceiptLabelIds(answers))
        {
            var latest = labels.Latest(labelId);
            if (latest is not { Purpose: ConsentPurpose.PartnerSharing } || latest.PartnerId != owed.PartnerId)
            {
                continue;
            }

            // The answer that counts is the newest — a withdrawal after the entry stops the delivery.
            var answer = await store.EffectiveConsentAsync(owed.Partition, labelId, owed.SubjectKey, cancellationToken);
            if (answer is not null && labels.Find(labelId, answer.Version) is null)
            {
                // Answered on a version saved on another instance after this one loaded its catalog.
                labels = await catalog.CoveringAsync([(labelId, answer.Version)], cancellationToken);
            }

            if (answer is { Granted: true } && labels.Find(labelId, answer.Version) is { } answered && answered.PartnerId == owed.PartnerId)
            {
                granted.Add(new GrantedSharing(answered, answer.ReceiptId));
            }
        }

        return granted;
    }

    private static IEnumerable<string> ReceiptLabelIds(string answers) =>
        answers.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(answer => answer.Split(':')[0]).Distinct(StringComparer.Ordinal);
}
