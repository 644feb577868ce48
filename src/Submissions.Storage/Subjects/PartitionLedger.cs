using Submissions.Storage.Ledger;

namespace Submissions.Storage.Subjects;

/// <summary>A person's consent records in one partition (their own, or a page, poll or promotion).</summary>
public sealed record PartitionLedger(string Table, string Partition, IReadOnlyList<ConsentRecord> Records);
