using Submissions.Domain.Statistics;

namespace Submissions.Storage.Statistics;

/// <summary>What the statistics queries counted; counts only, nothing that names a person or a record.</summary>
/// <param name="ReceiptsByForm">Receipts per form (any form, withdrawals included) per UTC day, across every table.</param>
/// <param name="EntriesByPromotion">Promotion receipts in the range per promotion: one per entry.</param>
/// <param name="Promotions">Every promotion, with its deliveries created in the range.</param>
/// <param name="Polls">All-time tallies per poll.</param>
/// <param name="Answers">Ledger answers in the range, per label: granted and declined per form.</param>
/// <param name="LabelForms">Every catalog label and the forms its versions are on.</param>
public sealed record StoredCounts(
    IReadOnlyDictionary<string, Dictionary<DateOnly, long>> ReceiptsByForm,
    IReadOnlyDictionary<string, long> EntriesByPromotion,
    IReadOnlyList<StoredPromotion> Promotions,
    IReadOnlyList<PollCounts> Polls,
    IReadOnlyDictionary<string, LabelAnswers> Answers,
    IReadOnlyDictionary<string, IReadOnlySet<string>> LabelForms);

/// <summary>A promotion that ran during the range, with its deliveries created in the range, by status.</summary>
public sealed record StoredPromotion(string PromotionId, bool RanInRange, IReadOnlyDictionary<string, long> DeliveriesByStatus);

/// <summary>One label's answers: how many granted and declined, on which forms.</summary>
public sealed class LabelAnswers
{
    public long Granted { get; set; }

    public long Declined { get; set; }

    public HashSet<string> Forms { get; } = new(StringComparer.Ordinal);
}
