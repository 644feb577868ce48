namespace Submissions.Storage.Promotions;

/// <summary>A promotion's id with what an admin set on it, as a listing returns them.</summary>
public sealed record SavedPromotion(string PromotionId, PromotionContent Content);
