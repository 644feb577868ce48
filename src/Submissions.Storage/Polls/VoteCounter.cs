using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Polls;

/// <summary>
/// Counts a poll's votes: in each vote partition, one range query of meta~ — its folded tally, then the journal rows not
/// folded yet — all partitions read in one parallel stage; plus, for a poll created before votes were spread, the tally
/// shards of its own partition. Folding moves journal rows into the tally: the tally replaced under its ETag and the
/// rows it now counts deleted, in one transaction, so every vote is counted exactly once whether folded or not, and a
/// late vote is simply a journal row the next fold finds. Votes never touch the tally, so they never race for it.
/// </summary>
public sealed class VoteCounter(SubmissionsTables tables, TimeProvider time)
{
    private const int Parallelism = 16;
    private const int MaxAttempts = 3;

    /// <summary>Rows an entity-group transaction may hold besides the tally it replaces.</summary>
    private const int DeletesPerFold = 99;

    /// <summary>
    /// Every vote of the poll, per option id. With <paramref name="fold"/>, each partition's journal is folded into its
    /// tally on the way (one more transaction per 99 journal rows), so the next count reads fewer rows.
    /// </summary>
    public async Task<Dictionary<string, long>> CountAsync(StoredPoll poll, bool fold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(poll);
        var partitions = VotePartitions.All(poll.PollId, poll.VotePartitions);
        var counts = new Dictionary<string, long>[partitions.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        var legacy = poll.HasLegacyVotes ? CountLegacyShardsAsync(poll.PollId, cancellationToken) : Task.FromResult(new Dictionary<string, long>());
        await Parallel.ForEachAsync(Enumerable.Range(0, partitions.Count), options, async (i, token) => counts[i] = await CountPartitionAsync(partitions[i], fold, token));

        var totals = await legacy;
        foreach (var (optionId, count) in counts.SelectMany(partition => partition))
        {
            totals[optionId] = totals.GetValueOrDefault(optionId) + count;
        }

        return totals;
    }

    private async Task<Dictionary<string, long>> CountPartitionAsync(string partition, bool fold, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (tally, journal, pages) = await ReadPartitionAsync(partition, cancellationToken);

            // One page is one consistent read; across pages a fold could move rows between the tally and the journal, so
            // the tally is read again: unchanged, nothing moved; changed, read the partition again.
            if (pages > 1 && attempt < MaxAttempts && await TallyVersionAsync(partition, cancellationToken) != (tally?.ETag ?? default))
            {
                continue;
            }

            var counts = tally?.ReadCounts() ?? [];
            foreach (var row in journal)
            {
                counts[row.OptionId] = counts.GetValueOrDefault(row.OptionId) + 1;
            }

            if (fold && journal.Count > 0)
            {
                await FoldAsync(partition, tally, journal, cancellationToken);
            }

            return counts;
        }
    }

    /// <summary>
    /// Moves journal rows into the tally, 99 per transaction, each under the tally's ETag: a concurrent fold makes this
    /// one stop (the rows it read are then counted by the other), never count a vote twice.
    /// </summary>
    private async Task FoldAsync(string partition, FoldedTallyEntity? tally, IReadOnlyList<VoteJournalEntity> journal, CancellationToken cancellationToken)
    {
        var counts = tally?.ReadCounts() ?? [];
        var version = tally?.ETag;
        foreach (var chunk in journal.Chunk(DeletesPerFold))
        {
            foreach (var row in chunk)
            {
                counts[row.OptionId] = counts.GetValueOrDefault(row.OptionId) + 1;
            }

            var folded = new FoldedTallyEntity { PartitionKey = partition, CountsJson = JsonSerializer.Serialize(counts), FoldedAt = time.GetUtcNow() };
            List<TableTransactionAction> actions =
            [
                version is { } etag ? new(TableTransactionActionType.UpdateReplace, folded, etag) : new(TableTransactionActionType.Add, folded),
                .. chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag)),
            ];
            try
            {
                var response = await tables.Polls.SubmitTransactionAsync(actions, cancellationToken);
                version = response.Value[0].Headers.ETag;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                return;
            }
        }
    }

    private async Task<(FoldedTallyEntity? Tally, List<VoteJournalEntity> Journal, int Pages)> ReadPartitionAsync(string partition, CancellationToken cancellationToken)
    {
        FoldedTallyEntity? tally = null;
        var journal = new List<VoteJournalEntity>();
        var pages = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {PollEntity.MetaPrefix} and RowKey lt {PollEntity.MetaPrefix + "~"}");
        await foreach (var page in tables.Polls.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).AsPages())
        {
            // Only pages with rows count: an empty last page adds nothing a fold could have moved.
            pages += page.Values.Count > 0 ? 1 : 0;
            foreach (var row in page.Values)
            {
                if (row.RowKey == FoldedTallyEntity.FoldRowKey)
                {
                    tally = new FoldedTallyEntity { PartitionKey = partition, ETag = row.ETag, CountsJson = row.GetString(nameof(FoldedTallyEntity.CountsJson)) ?? "{}" };
                }
                else if (row.RowKey.StartsWith(VoteJournalEntity.RowKeyPrefix, StringComparison.Ordinal))
                {
                    journal.Add(new VoteJournalEntity { PartitionKey = partition, RowKey = row.RowKey, ETag = row.ETag, OptionId = row.GetString(nameof(VoteJournalEntity.OptionId)) ?? string.Empty });
                }
            }
        }

        return (tally, journal, pages);
    }

    private async Task<ETag> TallyVersionAsync(string partition, CancellationToken cancellationToken)
    {
        var row = await tables.Polls.GetEntityIfExistsAsync<TableEntity>(partition, FoldedTallyEntity.FoldRowKey, ["RowKey"], cancellationToken);
        return row.HasValue ? row.Value!.ETag : default;
    }

    /// <summary>The 16 tally shards a poll created before votes were spread keeps in its own partition (frozen since).</summary>
    private async Task<Dictionary<string, long>> CountLegacyShardsAsync(string pollId, CancellationToken cancellationToken)
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {pollId} and RowKey ge {TallyShardEntity.RowKeyPrefix} and RowKey lt {TallyShardEntity.RowKeyPrefix + "~"}");
        await foreach (var row in tables.Polls.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var shard = new TallyShardEntity { CountsJson = row.GetString(nameof(TallyShardEntity.CountsJson)) ?? "{}" };
            foreach (var (optionId, count) in shard.ReadCounts())
            {
                totals[optionId] = totals.GetValueOrDefault(optionId) + count;
            }
        }

        return totals;
    }
}
