using Submissions.Application.ConsentLabels;
using Submissions.Domain.Consent;
using Submissions.Storage.Deliveries;

namespace Submissions.Application.Deliveries;

/// <summary>
/// Consent as it stands at delivery time: of the partner-sharing labels the entry's receipt answered for this partner,
/// those the person's newest answer still grants — the newest record in the entry's partition (where they answered) or
/// in their own (where withdrawals go). A withdrawal after the entry stops the delivery.
/// </summary>
internal sealed class SharingConsent(ConsentLabelCatalog catalog)
{
    /// <summary>
    /// The labels whose newest answer decides the delivery: those the receipt answered (its records in the entry's
    /// partition) whose newest catalog version shares with this partner. Null when the receipt left no record: the entry is gone.
    /// </summary>
    public async Task<IReadOnlyList<string>?> SharingLabelsAsync(OwedDelivery owed, IReadOnlyList<StoredAnswer> entryAnswers, CancellationToken cancellationToken)
    {
        var answered = entryAnswers.Where(answer => answer.ReceiptId == owed.ReceiptId).Select(answer => answer.LabelId).Distinct(StringComparer.Ordinal).ToList();
        if (answered.Count == 0)
        {
            return null;
        }

        var labels = await catalog.GetAsync(cancellationToken);
        return [.. answered.Where(labelId => labels.Latest(labelId) is { Purpose: ConsentPurpose.PartnerSharing } latest && latest.PartnerId == owed.PartnerId)];
    }

    /// <summary>
    /// The sharings granted now among <paramref name="labelIds"/>, judged on <paramref name="entryAnswers"/> and the
    /// person's own-partition <paramref name="ownAnswers"/> (none yet: the lead is prepared on the entry's answers alone,
    /// and judged again on the person's partition before it leaves).
    /// </summary>
    public async Task<List<GrantedSharing>> GrantedAsync(
        OwedDelivery owed, IReadOnlyList<string> labelIds, IReadOnlyList<StoredAnswer> entryAnswers, IReadOnlyList<StoredAnswer> ownAnswers, CancellationToken cancellationToken)
    {
        var labels = await catalog.GetAsync(cancellationToken);
        var granted = new List<GrantedSharing>();
        foreach (var labelId in labelIds)
        {
            // The answer that counts is the newest — a withdrawal after the entry stops the delivery; on a tie, the entry's.
            var answer = new[] { Newest(entryAnswers, labelId), Newest(ownAnswers, labelId) }.Where(record => record is not null).MaxBy(record => record!.RecordedAt);
            if (answer is not null && labels.Find(labelId, answer.Version) is null)
            {
                // Answered on a version saved on another instance after this one loaded its catalog.
                labels = await catalog.CoveringAsync([(labelId, answer.Version)], cancellationToken);
            }

            if (answer is { Granted: true } && labels.Find(labelId, answer.Version) is { } version && version.PartnerId == owed.PartnerId)
            {
                granted.Add(new GrantedSharing(version, answer.ReceiptId));
            }
        }

        return granted;
    }

    /// <summary>A label's newest record: its rows come newest first (inverted ticks in the row key).</summary>
    private static StoredAnswer? Newest(IReadOnlyList<StoredAnswer> answers, string labelId) =>
        answers.FirstOrDefault(answer => answer.LabelId == labelId);
}
