using Submissions.Domain.Consent;
using Submissions.Domain.Forms;
using Submissions.Storage.Promotions;

namespace Submissions.Application.Promotions;

/// <summary>
/// The labels an entry to one promotion answers: the promotion form's general labels (its rules, say) plus that
/// promotion's own partner-sharing labels — checked again at every entry, not only when the promotion was saved, so
/// a label re-versioned to name another partner can never make an entrant consent to one partner while the
/// delivery goes to another.
/// </summary>
public static class PromotionLabels
{
    public static IReadOnlyList<ConsentLabel> For(ConsentCatalog catalog, PromotionContent promotion)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(promotion);
        return [.. catalog.ActiveFor(FormKind.Promotion).Where(label => Belongs(label, promotion))];
    }

    /// <summary>Whether an entry to the promotion answers this label version: general, or its own partner's sharing.</summary>
    public static bool Belongs(ConsentLabel label, PromotionContent promotion)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(promotion);
        return label.Purpose != ConsentPurpose.PartnerSharing
            || (promotion.SharingLabelIds.Contains(label.LabelId) && label.PartnerId == promotion.PartnerId);
    }

    /// <summary>Without a promotion, only the general labels: partner-sharing labels belong to a promotion.</summary>
    public static IReadOnlyList<ConsentLabel> General(ConsentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return [.. catalog.ActiveFor(FormKind.Promotion).Where(label => label.Purpose != ConsentPurpose.PartnerSharing)];
    }
}
