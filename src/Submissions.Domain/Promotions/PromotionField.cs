namespace Submissions.Domain.Promotions;

/// <summary>An extra field a promotion asks for, e.g. a competition answer.</summary>
public sealed record PromotionField(string? Name, bool? Required, int? MaxLength);
