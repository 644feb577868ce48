using Submissions.Storage.Ledger;

namespace Submissions.Storage.Exports;

/// <summary>An entrant's partner-sharing records in the promotion's partition and in their own.</summary>
public sealed record EntrySharingRecords(IReadOnlyList<ConsentRecord> InPromotion, IReadOnlyList<ConsentRecord> InSubject);
