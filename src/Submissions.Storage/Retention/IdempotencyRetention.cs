using Azure.Data.Tables;
using Submissions.Storage.Idempotency;

namespace Submissions.Storage.Retention;

/// <summary>
/// Deletes idempotency records past their age from every table that holds them: those of each registered form that
/// says it does (<see cref="Forms.FormStorage.HoldsIdempotencyRecords"/>). A record only has to outlive a client's
/// retries; after that it is a stored response nobody will ask for again.
/// </summary>
public sealed class IdempotencyRetention(SubmissionsTables tables)
{
    /// <summary>
    /// Deletes the records created before <paramref name="cutoff"/>; returns how many. One scan per table across its
    /// partitions over the idem~ range (see docs/data-model.md, "Retention"), and the promotions' key markers
    /// (idemkey~, issue 18) with them, uncounted; deletes are grouped by partition.
    /// </summary>
    public async Task<int> PurgeCreatedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"((RowKey ge {IdempotencyRecords.RowKeyPrefix} and RowKey lt {IdempotencyRecords.RowKeyPrefix + "~"}) or (RowKey ge {IdempotencyRecords.MarkerPrefix} and RowKey lt {IdempotencyRecords.MarkerPrefix + "~"})) and CreatedAt lt {cutoff}");
        var deleted = 0;
        foreach (var name in tables.Forms.Where(form => form.HoldsIdempotencyRecords).SelectMany(form => form.Tables).Distinct(StringComparer.Ordinal))
        {
            deleted += await PurgeAsync(tables.ByName(name), filter, cancellationToken);
        }

        return deleted;
    }

    private static async Task<int> PurgeAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        // Results arrive ordered by partition, so a batch is flushed when the partition changes or it is full.
        var deleted = 0;
        var partition = string.Empty;
        var batch = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (row.PartitionKey != partition || batch.Count == PartitionDeletes.MaxActions)
            {
                deleted += await FlushAsync(table, partition, batch, cancellationToken);
                batch.Clear();
                partition = row.PartitionKey;
            }

            batch.Add(row.RowKey);
        }

        return deleted + await FlushAsync(table, partition, batch, cancellationToken);
    }

    /// <summary>Deletes a partition's batch; counts the records, not the key markers beside them.</summary>
    private static async Task<int> FlushAsync(TableClient table, string partition, List<string> rowKeys, CancellationToken cancellationToken)
    {
        var markers = rowKeys.Where(rowKey => rowKey.StartsWith(IdempotencyRecords.MarkerPrefix, StringComparison.Ordinal)).ToList();
        await PartitionDeletes.DeleteAsync(table, partition, markers, cancellationToken);
        return await PartitionDeletes.DeleteAsync(table, partition, rowKeys.Except(markers, StringComparer.Ordinal), cancellationToken);
    }
}
