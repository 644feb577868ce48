using Submissions.Domain.Consent;
using Submissions.Domain.Forms;
using Submissions.Storage.Promotions;

namespace Submissions.Application.Promotions;

/// <summary>
/// The labels an entry to one promotion answers: the promotion form's general labels (its rules, say) plus that
/// promotion's own partner-sharing labels — never another promotion's partner.
/// </summary>
public static class PromotionLabels
{
    public static IReadOnlyList<ConsentLabel> For(ConsentCatalog catalog, PromotionEntity promotion)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(promotion);
        return [.. catalog.ActiveFor(FormKind.Promotion)
            .Where(label => label.Purpose != ConsentPurpose.PartnerSharing || promotion.SharingLabelIds.Contains(label.LabelId))];
    }
}
