using Submissions.Domain.Promotions;

namespace Submissions.Storage.Promotions;

/// <summary>
/// What an admin sets on a promotion: its partner, the partner-sharing labels entrants answer, whether sharing is
/// required, its own fields and the window (UTC) in which it takes entries.
/// </summary>
public sealed record PromotionContent(
    string Title,
    string PartnerId,
    IReadOnlyList<string> SharingLabelIds,
    bool RequiresSharing,
    IReadOnlyList<PromotionField> Fields,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt)
{
    /// <summary>Created before issue 18: entries may be in the promotion's own partition as well as in its buckets.</summary>
    public bool MayHoldLegacyEntries { get; init; }
}
