namespace Submissions.Application.Promotions;

/// <summary>A page of promotions in id order, and the token of the next page (null on the last).</summary>
public sealed record PromotionsPage(IReadOnlyList<PromotionDefinitionView> Promotions, string? ContinuationToken);
