using Azure.Data.Tables;
using Submissions.Storage.Confirmations;
using Submissions.Storage.Exports;
using Submissions.Storage.Idempotency;
using Submissions.Storage.Ledger;
using Submissions.Storage.Promotions;
using Submissions.Storage.Subjects;

namespace Submissions.Storage.Retention;

/// <summary>
/// Deletes what entrants left in a promotion once it has ended and its grace period has passed: entries, owed or done
/// deliveries, receipts, consent records, confirmation records (issue 17: the ledger's proof of each entry's
/// confirmation, which outlives no entry), idempotency records and each entrant's index row. The promotion's definition
/// stays (it holds no personal data and says what ran), and so do the Disclosures: they are the proof of what was
/// shared with whom, which a person may still ask about after the entry itself is gone.
/// </summary>
public sealed class PromotionRetention(SubmissionsTables tables, ExportDayIndexStore exportIndex)
{
    /// <summary>What goes before the entries: a crash part-way leaves entries for the next run to find, never rows without their entry.</summary>
    private static readonly string[] LedgerPrefixes =
        [OwedDeliveryEntity.RowKeyPrefix, LedgerRowKeys.ReceiptPrefix, LedgerRowKeys.ConsentPrefix, ConfirmationRecordEntity.RowKeyPrefix, IdempotencyRecords.RowKeyPrefix, IdempotencyRecords.MarkerPrefix];

    /// <summary>
    /// Purges every promotion that ended before <paramref name="endedBefore"/>; returns the number of entries removed.
    /// Finding the promotions is a scan across the table's partitions for the "promotion" rows (see docs/data-model.md,
    /// "Retention"); a promotion already purged costs two queries (its partition, its buckets) when it is found again.
    /// </summary>
    public async Task<int> PurgeEndedBeforeAsync(DateTimeOffset endedBefore, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {PromotionEntity.PromotionRowKey} and EndsAt lt {endedBefore}");
        var ended = new List<string>();
        await foreach (var promotion in tables.Promotions.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            ended.Add(promotion.PartitionKey);
        }

        var entries = 0;
        foreach (var promotionId in ended)
        {
            entries += await PurgePromotionAsync(promotionId, cancellationToken);
        }

        return entries;
    }

    /// <summary>
    /// The promotion's own partition (entries stored before issue 18) and its buckets: the rows to purge are read with
    /// two queries — the partition, and one PartitionKey range over the buckets — then purged partition by partition.
    /// </summary>
    private async Task<int> PurgePromotionAsync(string promotionId, CancellationToken cancellationToken)
    {
        var rowsByPartition = new Dictionary<string, List<(string RowKey, string? SubjectKey)>>(StringComparer.Ordinal);
        var exported = new List<IndexedExportRow>();
        foreach (var filter in new[] { TableClient.CreateQueryFilter($"PartitionKey eq {promotionId}"), PromotionPartitions.BucketsFilter(promotionId) })
        {
            await foreach (var row in tables.Promotions.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "SubjectKey", "RecordedAt"], cancellationToken: cancellationToken))
            {
                var rows = rowsByPartition.TryGetValue(row.PartitionKey, out var found) ? found : rowsByPartition[row.PartitionKey] = [];
                rows.Add((row.RowKey, row.GetString("SubjectKey")));
                if (ExportedRow(row) is { } entry)
                {
                    exported.Add(entry);
                }
            }
        }

        // The export day index's pointers first (the entrants' consent records): they carry entrants' keys, and a re-run
        // would no longer find them.
        await exportIndex.ForgetAsync(exported, (await exportIndex.ReadStateAsync(cancellationToken)).Horizon, cancellationToken);
        var removed = 0;
        foreach (var (partition, rows) in rowsByPartition)
        {
            removed += await PurgePartitionAsync(partition, rows, cancellationToken);
        }

        return removed;
    }

    /// <summary>The export day index entry of a consent record (entries are not indexed); null for any other row.</summary>
    private static IndexedExportRow? ExportedRow(TableEntity row) =>
        row.RowKey.StartsWith(LedgerRowKeys.ConsentPrefix, StringComparison.Ordinal) && row.GetDateTimeOffset("RecordedAt") is { } recordedAt
            ? IndexedExportRow.Of(ExportIndexKinds.Consents, recordedAt, SubmissionsTables.PromotionsName, row.PartitionKey, row.RowKey)
            : null;

    private async Task<int> PurgePartitionAsync(string partition, List<(string RowKey, string? SubjectKey)> rows, CancellationToken cancellationToken)
    {
        // The ledger first, then the entrants: their index rows go after their entries, so a crash part-way leaves at
        // worst an index row pointing at nothing (skipped by access and erasure), never an entry its person's index has lost.
        foreach (var prefix in LedgerPrefixes)
        {
            var rowKeys = rows.Where(row => row.RowKey.StartsWith(prefix, StringComparison.Ordinal)).Select(row => row.RowKey).ToList();
            await PartitionDeletes.DeleteAsync(tables.Promotions, partition, rowKeys, cancellationToken);
        }

        // One transaction of entries, then their index rows: a crash strands at most one batch of pointers.
        var entries = rows.Where(row => row.RowKey.StartsWith(PromotionEntryEntity.RowKeyPrefix, StringComparison.Ordinal)).ToList();
        var removed = 0;
        foreach (var batch in entries.Chunk(PartitionDeletes.MaxActions))
        {
            removed += await PartitionDeletes.DeleteAsync(tables.Promotions, partition, batch.Select(entry => entry.RowKey), cancellationToken);
            foreach (var (rowKey, subjectKey) in batch)
            {
                var indexRowKey = SubjectRecordEntity.RowKeyFor(SubjectRecordKinds.PromotionEntry, partition, rowKey);
                await PartitionDeletes.DeleteOneAsync(tables.Subjects, subjectKey ?? string.Empty, indexRowKey, cancellationToken);
            }
        }

        return removed;
    }
}
