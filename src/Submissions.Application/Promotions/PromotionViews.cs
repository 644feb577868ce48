using Submissions.Application.Forms;
using Submissions.Domain.Promotions;
using Submissions.Storage.Promotions;

namespace Submissions.Application.Promotions;

public sealed record PromotionView(
    string PromotionId,
    string Title,
    string Partner,
    IReadOnlyList<string> SharingLabels,
    bool RequiresSharing,
    IReadOnlyList<PromotionField> Fields,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt)
{
    public static PromotionView From(PromotionEntity promotion)
    {
        ArgumentNullException.ThrowIfNull(promotion);
        return new(promotion.PartitionKey, promotion.Title, promotion.PartnerId, promotion.SharingLabelIds, promotion.RequiresSharing,
            promotion.Fields, promotion.StartsAt, promotion.EndsAt);
    }
}

/// <summary>201 body of an entry: its id and the consent receipt.</summary>
public sealed record PromotionEntryResponse(string Id, string PromotionId, ConsentReceiptView Receipt);
