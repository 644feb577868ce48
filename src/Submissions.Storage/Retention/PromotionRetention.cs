using Azure.Data.Tables;
using Submissions.Storage.Idempotency;
using Submissions.Storage.Ledger;
using Submissions.Storage.Promotions;
using Submissions.Storage.Subjects;

namespace Submissions.Storage.Retention;

/// <summary>
/// Deletes what entrants left in a promotion once it has ended and its grace period has passed: entries, owed or done
/// deliveries, receipts, consent records, idempotency records and each entrant's index row. The promotion's definition
/// stays (it holds no personal data and says what ran), and so do the Disclosures: they are the proof of what was
/// shared with whom, which a person may still ask about after the entry itself is gone.
/// </summary>
public sealed class PromotionRetention(SubmissionsTables tables)
{
    /// <summary>What goes before the entries; the entries go last because they name the index rows to delete.</summary>
    private static readonly string[] LedgerPrefixes =
        [OwedDeliveryEntity.RowKeyPrefix, LedgerRowKeys.ReceiptPrefix, LedgerRowKeys.ConsentPrefix, IdempotencyRecords.RowKeyPrefix];

    /// <summary>
    /// Purges every promotion that ended before <paramref name="endedBefore"/>; returns the number of entries removed.
    /// Finding the promotions is a scan across the table's partitions for the "promotion" rows (see docs/data-model.md,
    /// "Retention"); a promotion already purged costs five empty range queries when it is found again.
    /// </summary>
    public async Task<int> PurgeEndedBeforeAsync(DateTimeOffset endedBefore, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {PromotionEntity.PromotionRowKey} and EndsAt lt {endedBefore}");
        var ended = new List<string>();
        await foreach (var promotion in tables.Promotions.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            ended.Add(promotion.PartitionKey);
        }

        var entries = 0;
        foreach (var promotionId in ended)
        {
            entries += await PurgePromotionAsync(promotionId, cancellationToken).ConfigureAwait(false);
        }

        return entries;
    }

    private async Task<int> PurgePromotionAsync(string promotionId, CancellationToken cancellationToken)
    {
        foreach (var prefix in LedgerPrefixes)
        {
            var rowKeys = await PartitionDeletes.RowKeysAsync(tables.Promotions, promotionId, prefix, prefix + "~", cancellationToken).ConfigureAwait(false);
            await PartitionDeletes.DeleteAsync(tables.Promotions, promotionId, rowKeys, cancellationToken).ConfigureAwait(false);
        }

        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {promotionId} and RowKey ge {PromotionEntryEntity.RowKeyPrefix} and RowKey lt {PromotionEntryEntity.RowKeyPrefix + "~"}");
        var entries = new List<string>();
        await foreach (var entry in tables.Promotions.QueryAsync<PromotionEntryEntity>(filter, select: ["RowKey", "SubjectKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // Each entrant's index row is in their own partition: one point delete each, before the entry that names it.
            var indexRowKey = SubjectRecordEntity.RowKeyFor(SubjectRecordKinds.PromotionEntry, promotionId, entry.RowKey);
            await PartitionDeletes.DeleteOneAsync(tables.Subjects, entry.SubjectKey, indexRowKey, cancellationToken).ConfigureAwait(false);
            entries.Add(entry.RowKey);
        }

        return await PartitionDeletes.DeleteAsync(tables.Promotions, promotionId, entries, cancellationToken).ConfigureAwait(false);
    }
}
