using Azure.Data.Tables;
using Submissions.Storage.Deliveries;
using Submissions.Storage.Ledger;

namespace Submissions.Storage.Subjects;

/// <summary>One of a person's records outside their partition: the index row, and the record row when it exists.</summary>
public sealed record SubjectRecord(SubjectRecordEntity Index, TableEntity? Row);

/// <summary>A person's consent records in one partition (their own, or a page, poll or promotion).</summary>
public sealed record PartitionLedger(string Table, string Partition, IReadOnlyList<ConsentRecordEntity> Records);

/// <summary>
/// Everything stored about one person, read by key: their Subjects partition, the records its index rows point to,
/// their consent records in each of those partitions, and their disclosures.
/// </summary>
public sealed record SubjectSnapshot(
    string SubjectKey,
    IReadOnlyList<TableEntity> OwnRows,
    IReadOnlyList<SubjectRecord> Records,
    IReadOnlyList<PartitionLedger> Ledgers,
    IReadOnlyList<DisclosureEntity> Disclosures)
{
    public TableEntity? Member => OwnRows.FirstOrDefault(row => row.RowKey == SubjectRowKeys.Member);

    public TableEntity? Tombstone => OwnRows.FirstOrDefault(row => row.RowKey == TombstoneEntity.TombstoneRowKey);

    public IEnumerable<ConsentRecordEntity> ConsentRecords => Ledgers.SelectMany(ledger => ledger.Records);

    /// <summary>The person's effective answer per label: the newest record wherever it was written.</summary>
    public IReadOnlyDictionary<string, ConsentRecordEntity> EffectiveConsents =>
        ConsentRecords
            .GroupBy(record => record.LabelId, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.MaxBy(record => record.RecordedAt)!, StringComparer.Ordinal);

    /// <summary>
    /// The consents in scope that still stand granted somewhere, judged per partition the way the delivery re-check
    /// judges them: in each partition holding the person's records, the newest record of that partition and of the
    /// person's own partition counts. So a grant given with one entry stays standing even when a later entry declined
    /// the same label; one withdrawal, written to the person's own partition, ends them all. Per label, the newest
    /// standing grant.
    /// </summary>
    public IReadOnlyList<ConsentRecordEntity> StillGranted(Func<ConsentRecordEntity, bool> covers)
    {
        ArgumentNullException.ThrowIfNull(covers);
        var own = Ledgers.Where(ledger => ledger.Table == SubmissionsTables.SubjectsName).SelectMany(ledger => ledger.Records)
            .GroupBy(record => record.LabelId, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.MaxBy(record => record.RecordedAt)!, StringComparer.Ordinal);
        var standing = new Dictionary<string, ConsentRecordEntity>(StringComparer.Ordinal);
        foreach (var label in Ledgers.SelectMany(ledger => ledger.Records.Where(covers).GroupBy(record => record.LabelId, StringComparer.Ordinal)))
        {
            var newest = label.MaxBy(record => record.RecordedAt)!;
            if (own.TryGetValue(label.Key, out var ownNewest) && ownNewest.RecordedAt > newest.RecordedAt)
            {
                newest = ownNewest;
            }

            if (newest.Granted && (!standing.TryGetValue(label.Key, out var found) || found.RecordedAt < newest.RecordedAt))
            {
                standing[label.Key] = newest;
            }
        }

        return [.. standing.Values.OrderBy(record => record.LabelId, StringComparer.Ordinal)];
    }

    /// <summary>Records of one kind whose row exists (an index row can point to a submission that never committed).</summary>
    public IEnumerable<SubjectRecord> Existing(string kind) =>
        Records.Where(record => record.Index.Kind == kind && record.Row is not null);
}
