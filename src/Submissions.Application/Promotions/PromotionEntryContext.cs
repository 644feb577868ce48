using Submissions.Domain.Privacy;
using Submissions.Storage.Promotions;

namespace Submissions.Application.Promotions;

/// <summary>
/// The promotion an entry is for, as loaded for it, when the entry arrived (its window and its receipt's time), and the
/// entrant's subject key (null without an email): it picks the bucket the entry's rows go to.
/// </summary>
public sealed record PromotionEntryContext(string PromotionId, PromotionContent Promotion, DateTimeOffset ReceivedAt, SubjectKey? Subject);
