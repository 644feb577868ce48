namespace Submissions.Domain.Promotions;

/// <summary>
/// What an admin PUTs for a promotion: its partner, the partner-sharing label(s) entrants answer, the extra fields it
/// asks for, and when it runs. Several sharing labels give entrants a per-field choice (say, email and name apart).
/// </summary>
public sealed record PromotionDefinition(
    string? Title,
    string? Partner,
    IReadOnlyList<string>? SharingLabels,
    bool? RequiresSharing,
    IReadOnlyList<PromotionField?>? Fields,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt);
