using Azure.Data.Tables;
using Submissions.Storage.Deliveries;
using Submissions.Storage.Forms;
using Submissions.Storage.Idempotency;
using Submissions.Storage.Ledger;

namespace Submissions.Storage.Subjects;

/// <summary>
/// Everything stored about one person, read by key: their Subjects partition, the records its index rows point to,
/// their consent records in each of those partitions, and their disclosures.
/// </summary>
public sealed record SubjectSnapshot
{
    internal SubjectSnapshot(
        string subjectKey, IReadOnlyList<TableEntity> ownRows, IReadOnlyList<SubjectRecord> records, IReadOnlyList<PartitionLedger> ledgers, IReadOnlyList<StoredDisclosure> disclosures)
    {
        SubjectKey = subjectKey;
        OwnRows = ownRows;
        Records = records;
        Ledgers = ledgers;
        Disclosures = disclosures;
    }

    public string SubjectKey { get; }

    /// <summary>The records the person's index rows point to, each with its row when it exists (and was read).</summary>
    public IReadOnlyList<SubjectRecord> Records { get; private init; }

    public IReadOnlyList<PartitionLedger> Ledgers { get; private init; }

    public IReadOnlyList<StoredDisclosure> Disclosures { get; private init; }

    /// <summary>Their registration: the member row.</summary>
    public StoredRecord? Member => OwnRows.FirstOrDefault(row => row.RowKey == SubjectRowKeys.Member) is { } row ? StoredRecords.From(SubmissionsTables.SubjectsName, row) : null;

    /// <summary>When an erasure of them last began, if one ever did.</summary>
    public DateTimeOffset? LastErasedAt => Tombstone?.GetDateTimeOffset(nameof(TombstoneEntity.ErasedAt));

    public IEnumerable<ConsentRecord> ConsentRecords => Ledgers.SelectMany(ledger => ledger.Records);

    /// <summary>Their consent records in their own partition: where withdrawals are written.</summary>
    public IReadOnlyList<ConsentRecord> OwnLedger => [.. Ledgers.Where(ledger => ledger.Table == SubmissionsTables.SubjectsName).SelectMany(ledger => ledger.Records)];

    /// <summary>The person's effective answer per label: the newest record wherever it was written.</summary>
    public IReadOnlyDictionary<string, ConsentRecord> EffectiveConsents =>
        ConsentRecords
            .GroupBy(record => record.LabelId, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.MaxBy(record => record.RecordedAt)!, StringComparer.Ordinal);

    internal IReadOnlyList<TableEntity> OwnRows { get; private init; }

    internal TableEntity? Tombstone => OwnRows.FirstOrDefault(row => row.RowKey == TombstoneEntity.TombstoneRowKey);

    /// <summary>
    /// The consents in scope that still stand granted somewhere, judged per partition the way the delivery re-check
    /// judges them: in each partition holding the person's records, the newest record of that partition and of the
    /// person's own partition counts. So a grant given with one entry stays standing even when a later entry declined
    /// the same label; one withdrawal, written to the person's own partition, ends them all. Per label, the newest
    /// standing grant.
    /// </summary>
    public IReadOnlyList<ConsentRecord> StillGranted(Func<ConsentRecord, bool> covers)
    {
        ArgumentNullException.ThrowIfNull(covers);
        var own = OwnLedger
            .GroupBy(record => record.LabelId, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.MaxBy(record => record.RecordedAt)!, StringComparer.Ordinal);
        var standing = new Dictionary<string, ConsentRecord>(StringComparer.Ordinal);
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
        Records.Where(record => record.Kind == kind && record.Row is not null);

    /// <summary>Whether nothing is left but the tombstone and the index rows of <paramref name="kept"/>.</summary>
    public bool HoldsNothingBut(IEnumerable<SubjectRecord> kept)
    {
        var keep = IndexRowKeys(kept);
        return Disclosures.Count == 0
            && OwnRows.All(row => row.RowKey == TombstoneEntity.TombstoneRowKey || keep.Contains(row.RowKey))
            && Records.All(record => keep.Contains(record.Index.RowKey));
    }

    /// <summary>
    /// The snapshot without what the deliveries of <paramref name="deliveryIds"/> stand on: their disclosures, and the
    /// partitions, ledgers and index rows of the records they deliver — left whole for a later run.
    /// </summary>
    public SubjectSnapshot WithoutDeliveries(IReadOnlySet<string> deliveryIds)
    {
        ArgumentNullException.ThrowIfNull(deliveryIds);
        var held = Records.Where(record => record.Row?.DeliveryId is { } deliveryId && deliveryIds.Contains(deliveryId)).ToList();
        var partitions = held.Select(record => (record.Table, record.Partition)).ToHashSet();
        var indexRows = IndexRowKeys(held);
        return this with
        {
            OwnRows = [.. OwnRows.Where(row => !indexRows.Contains(row.RowKey))],
            Records = [.. Records.Where(record => !partitions.Contains((record.Table, record.Partition)))],
            Ledgers = [.. Ledgers.Where(ledger => !partitions.Contains((ledger.Table, ledger.Partition)))],
            Disclosures = [.. Disclosures.Where(disclosure => !deliveryIds.Contains(disclosure.DeliveryId))],
        };
    }

    /// <summary>Their own rows an erasure removes: all but the tombstone and the index rows of <paramref name="kept"/>.</summary>
    internal List<TableEntity> OwnRowsToErase(IEnumerable<SubjectRecord> kept)
    {
        var keep = IndexRowKeys(kept);
        return [.. OwnRows.Where(row => row.RowKey != TombstoneEntity.TombstoneRowKey && !keep.Contains(row.RowKey))];
    }

    internal static bool IsIndexRow(TableEntity row) => row.RowKey.StartsWith(SubjectRecordEntity.RowKeyPrefix, StringComparison.Ordinal);

    internal static bool IsReceiptRow(TableEntity row) => row.RowKey.StartsWith(LedgerRowKeys.ReceiptPrefix, StringComparison.Ordinal);

    internal static bool IsIdempotencyRow(TableEntity row) => row.RowKey.StartsWith(IdempotencyRecords.RowKeyPrefix, StringComparison.Ordinal);

    private static HashSet<string> IndexRowKeys(IEnumerable<SubjectRecord> records) => records.Select(record => record.Index.RowKey).ToHashSet(StringComparer.Ordinal);
}
