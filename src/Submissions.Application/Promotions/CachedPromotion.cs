using System.ComponentModel;
using Submissions.Storage.Promotions;

namespace Submissions.Application.Promotions;

/// <summary>
/// A promotion's definition as the read cache keeps it — <see cref="Content"/> null when there is no such promotion, so
/// a burst of entries to an unknown id costs storage one read too. Immutable, so the cache keeps the instance.
/// </summary>
[ImmutableObject(true)]
public sealed record CachedPromotion(PromotionContent? Content);
