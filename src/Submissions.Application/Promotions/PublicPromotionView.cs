using Submissions.Application.ConsentLabels;
using Submissions.Domain.Promotions;

namespace Submissions.Application.Promotions;

/// <summary>
/// What a site needs to render a promotion's entry form with nothing hard-coded: its window and status, the fields it
/// asks for besides email and name, and the exact labels an entry must answer. Never the partner's webhook or secret.
/// </summary>
public sealed record PublicPromotionView(
    string PromotionId,
    string Title,
    string Status,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    bool RequiresSharing,
    IReadOnlyList<PromotionField> Fields,
    IReadOnlyList<FormConsentLabelView> Labels);
