using Submissions.Domain.Statistics;

namespace Submissions.Storage.Statistics;

/// <summary>What the statistics queries counted, per UTC day; counts only, nothing that names a person or a record.</summary>
/// <param name="ReceiptsByForm">Receipts per form (any form, withdrawals included) per UTC day, across every table.</param>
/// <param name="EntriesByPromotion">Promotion receipts in the range per promotion per UTC day: one per entry.</param>
/// <param name="Promotions">Every promotion, with its dates and its deliveries created in the range.</param>
/// <param name="Polls">Every poll, with the votes cast in the range per option per UTC day.</param>
/// <param name="Answers">Ledger answers in the range, per label: granted and declined per UTC day, and on which forms.</param>
/// <param name="LabelForms">Every catalog label and the forms its versions are on.</param>
public sealed record StoredCounts(
    IReadOnlyDictionary<string, Dictionary<DateOnly, long>> ReceiptsByForm,
    IReadOnlyDictionary<string, Dictionary<DateOnly, long>> EntriesByPromotion,
    IReadOnlyList<StoredPromotion> Promotions,
    IReadOnlyList<PollCounts> Polls,
    IReadOnlyDictionary<string, LabelAnswers> Answers,
    IReadOnlyDictionary<string, IReadOnlySet<string>> LabelForms);
