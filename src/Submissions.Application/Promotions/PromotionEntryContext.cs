using Submissions.Storage.Promotions;

namespace Submissions.Application.Promotions;

/// <summary>The promotion an entry is for, as loaded for it, and when the entry arrived (its window and its receipt's time).</summary>
public sealed record PromotionEntryContext(string PromotionId, PromotionContent Promotion, DateTimeOffset ReceivedAt);
