using Submissions.Storage.Deliveries;
using Submissions.Storage.Partners;

namespace Submissions.Application.Deliveries;

/// <summary>
/// What a lead is made of, read together before anything is written: the entry (null when gone), the person's ledger
/// records in the entry's partition, the sharing labels its receipt answered for this partner (null when the receipt
/// left no record) and the partner (null when deleted).
/// </summary>
internal sealed record LeadFacts(DeliveredEntry? Entry, IReadOnlyList<StoredAnswer> EntryAnswers, IReadOnlyList<string>? Labels, StoredPartner? Partner);
