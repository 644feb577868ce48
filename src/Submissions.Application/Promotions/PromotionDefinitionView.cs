using Submissions.Domain.Promotions;
using Submissions.Storage.Promotions;

namespace Submissions.Application.Promotions;

/// <summary>An admin's view of a saved promotion's definition.</summary>
public sealed record PromotionDefinitionView(
    string PromotionId,
    string Title,
    string Partner,
    IReadOnlyList<string> SharingLabels,
    bool RequiresSharing,
    IReadOnlyList<PromotionField> Fields,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt)
{
    public static PromotionDefinitionView From(string promotionId, PromotionContent promotion)
    {
        ArgumentNullException.ThrowIfNull(promotion);
        return new(promotionId, promotion.Title, promotion.PartnerId, promotion.SharingLabelIds, promotion.RequiresSharing,
            promotion.Fields, promotion.StartsAt, promotion.EndsAt);
    }
}
