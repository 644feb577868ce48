using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Submissions.Storage.Idempotency;
using Submissions.Storage.Ledger;
using Submissions.Storage.Subjects;

namespace Submissions.Storage.Polls;

/// <summary>
/// Polls in one partition each. A vote is one entity-group transaction — voter row(s), one tally shard, consent ledger,
/// idempotency record — after one query that reads the poll and that shard together. The voter row's Add makes
/// "one vote per voter" a storage guarantee rather than a read-then-write check.
/// </summary>
public sealed class PollStore(SubmissionsTables tables, SubjectIndex index)
{
    /// <summary>Votes spread over this many counters, so concurrent votes rarely contend for the same row.</summary>
    public const int TallyShards = 16;
    private const int MaxAttempts = 10;

    public async Task<StoredPoll?> GetPollAsync(string pollId, CancellationToken cancellationToken)
    {
        var row = await tables.Polls.GetEntityIfExistsAsync<PollEntity>(pollId, PollEntity.PollRowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.ToStoredPoll() : null;
    }

    /// <summary>
    /// Adds the poll when <paramref name="replacing"/> is null, else replaces it, conditional on the version read. The
    /// poll as saved, or null when another writer got there first (the caller re-reads).
    /// </summary>
    public async Task<StoredPoll?> TrySavePollAsync(string pollId, PollContent content, StoredPoll? replacing, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var poll = new PollEntity
        {
            PartitionKey = pollId,
            ETag = replacing?.Version ?? default,
            Question = content.Question,
            Options = content.Options,
            Status = content.Status,
            CreatedAt = replacing?.CreatedAt ?? now,
            UpdatedAt = now,
        };
        try
        {
            var response = replacing is null
                ? await tables.Polls.AddEntityAsync(poll, cancellationToken)
                : await tables.Polls.UpdateEntityAsync(poll, poll.ETag, TableUpdateMode.Replace, cancellationToken);

            // The version answered is the one just written, so a caller may make its next write conditional on it.
            poll.ETag = response.Headers.ETag ?? default;
            return poll.ToStoredPoll();
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>
    /// Stores a vote: its voter rows (one per voter key, token first), a tally shard, the consent ledger and the
    /// idempotency record, in one transaction.
    /// </summary>
    public Task<VoteOutcome> CastVoteAsync(NewVote vote, ConsentReceiptDraft receipt, IdempotencyClaim? claim, StoredResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        ArgumentNullException.ThrowIfNull(receipt);
        List<string> voterRows = [];
        if (vote.VoterKey is { } voterKey)
        {
            voterRows.Add(VoteEntity.TokenRowKeyFor(voterKey));
        }

        if (vote.SubjectKey is { } subjectKey)
        {
            voterRows.Add(VoteEntity.SubjectRowKey(subjectKey));
        }

        var row = new VoteEntity
        {
            PartitionKey = vote.PollId,
            VoteId = vote.VoteId,
            OptionId = vote.OptionId,
            SubjectKey = vote.SubjectKey,
            ReceiptId = receipt.ReceiptId,
            CreatedAt = receipt.RecordedAt,
        };
        return CastVoteAsync(row, voterRows, receipt, claim, response, cancellationToken);
    }

    private async Task<VoteOutcome> CastVoteAsync(
        VoteEntity vote,
        IReadOnlyList<string> voterRowKeys,
        ConsentReceiptDraft receipt,
        IdempotencyClaim? claim,
        StoredResponse response,
        CancellationToken cancellationToken)
    {
        var pollId = vote.PartitionKey;
        var indexed = vote.SubjectKey is null;
        vote.IdempotencyRowKey = IdempotencyRecords.RowKeyOrNull(claim);
        for (var attempt = 1; ; attempt++)
        {
            var shardKey = TallyShardEntity.RowKeyFor(Random.Shared.Next(TallyShards));
            var (poll, shard) = await ReadPollAndShardAsync(pollId, shardKey, cancellationToken);
            if (RefusalOf(poll, vote.OptionId) is var refusal && refusal != VoteRefusal.None)
            {
                return new VoteOutcome(null, refusal);
            }

            // The person's index row goes before the record's transaction, and only for a vote the poll can take and
            // that is not already settled — a retried or reused key, a token or email that has voted: a refused vote
            // stores nothing, not even a pointer. (Two racing requests can still leave one; access and erasure skip it.)
            if (!indexed)
            {
                if (await IdempotencyRecords.FindSettledAsync(tables.Polls, pollId, claim, voterRowKeys, cancellationToken) is { } settled)
                {
                    return new VoteOutcome(settled, VoteRefusal.None);
                }

                await index.RecordAsync(
                    vote.SubjectKey!, SubjectRecordKinds.Vote, SubmissionsTables.PollsName, pollId, VoteEntity.SubjectRowKey(vote.SubjectKey!), receipt.RecordedAt, cancellationToken);
                indexed = true;
            }

            var (actions, shardAction) = VoteActions(vote, voterRowKeys, shardKey, shard, receipt, claim, response);
            try
            {
                await tables.Polls.SubmitTransactionAsync(actions, cancellationToken);
                return new VoteOutcome(new SubmissionOutcome.Saved(response), VoteRefusal.None);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // The shard moved on (another vote took it between read and write): retry with a fresh read at once.
                // The service names the first action that failed, so the key and voter rows ahead of it were free;
                // looking them up would cost two reads per race, the common conflict under concurrent votes.
                if (ex.FailedTransactionActionIndex == shardAction)
                {
                    continue;
                }

                // A voter row or the key already exists (final), or the failing action is unknown (look, then retry).
                if (await IdempotencyRecords.FindSettledAsync(tables.Polls, pollId, claim, voterRowKeys, cancellationToken) is { } final)
                {
                    return new VoteOutcome(final, VoteRefusal.None);
                }
            }
        }
    }

    private static VoteRefusal RefusalOf(PollEntity? poll, string optionId) =>
        poll is null ? VoteRefusal.PollNotFound
        : poll.Status != Domain.Polls.PollStatus.Open ? VoteRefusal.PollClosed
        : poll.Options.All(option => option.OptionId != optionId) ? VoteRefusal.UnknownOption
        : VoteRefusal.None;

    /// <summary>The vote's transaction, and the index of its tally shard's action in it.</summary>
    private static (List<TableTransactionAction> Actions, int ShardAction) VoteActions(
        VoteEntity vote, IReadOnlyList<string> voterRowKeys, string shardKey, TallyShardEntity? shard, ConsentReceiptDraft receipt, IdempotencyClaim? claim, StoredResponse response)
    {
        var pollId = vote.PartitionKey;
        var counts = shard?.ReadCounts() ?? [];
        counts[vote.OptionId] = counts.GetValueOrDefault(vote.OptionId) + 1;
        var tally = new TallyShardEntity { PartitionKey = pollId, RowKey = shardKey, CountsJson = JsonSerializer.Serialize(counts) };

        var actions = new List<TableTransactionAction>();
        if (claim is not null)
        {
            actions.Add(IdempotencyRecords.AddAction(pollId, claim, response, receipt.RecordedAt));
        }

        actions.AddRange(voterRowKeys.Select(rowKey => new TableTransactionAction(TableTransactionActionType.Add, Copy(vote, rowKey, voterRowKeys))));
        var shardAction = actions.Count;
        actions.Add(shard is null
            ? new(TableTransactionActionType.Add, tally)
            : new(TableTransactionActionType.UpdateReplace, tally, shard.ETag));
        actions.AddRange(receipt.LedgerActions(pollId, vote.SubjectKey, vote.VoteId));
        return (actions, shardAction);
    }

    public Task<SubmissionOutcome?> FindPriorOutcomeAsync(string pollId, IdempotencyClaim claim, CancellationToken cancellationToken) =>
        IdempotencyRecords.FindPriorOutcomeAsync(tables.Polls, pollId, claim, cancellationToken);

    /// <summary>
    /// The poll, its live totals and its published results in one range query of at most 2 + <see cref="TallyShards"/>
    /// rows, however many votes there are.
    /// </summary>
    public async Task<PollResults?> ReadResultsAsync(string pollId, CancellationToken cancellationToken)
    {
        PollEntity? poll = null;
        PublishedPollResults? published = null;
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in QueryMetaAsync(pollId, cancellationToken))
        {
            if (row.RowKey == PollEntity.PollRowKey)
            {
                poll = ToPoll(row);
                continue;
            }

            if (row.RowKey == PublishedResultsEntity.PublishedRowKey)
            {
                published = new PublishedResultsEntity
                {
                    PartitionKey = row.PartitionKey,
                    ETag = row.ETag,
                    CountsJson = row.GetString(nameof(PublishedResultsEntity.CountsJson)) ?? "{}",
                    TotalVotes = row.GetInt64(nameof(PublishedResultsEntity.TotalVotes)) ?? 0,
                    PublishedAt = row.GetDateTimeOffset(nameof(PublishedResultsEntity.PublishedAt)) ?? default,
                }.ToPublished();
                continue;
            }

            var shard = new TallyShardEntity { CountsJson = row.GetString(nameof(TallyShardEntity.CountsJson)) ?? "{}" };
            foreach (var (optionId, count) in shard.ReadCounts())
            {
                totals[optionId] = totals.GetValueOrDefault(optionId) + count;
            }
        }

        return poll is null ? null : new PollResults(poll.ToStoredPoll(), totals, published);
    }

    /// <summary>
    /// Publishes these counts, replacing the results read (conditional on their version; added when there were none).
    /// The results as now published, or null when another reader published first: the caller shows what it read.
    /// </summary>
    public async Task<PublishedPollResults?> TryPublishResultsAsync(
        string pollId, IReadOnlyDictionary<string, long> counts, long totalVotes, DateTimeOffset publishedAt, PublishedPollResults? replacing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var results = new PublishedResultsEntity { PartitionKey = pollId, CountsJson = JsonSerializer.Serialize(counts), TotalVotes = totalVotes, PublishedAt = publishedAt };
        try
        {
            var response = replacing is null
                ? await tables.Polls.AddEntityAsync(results, cancellationToken)
                : await tables.Polls.UpdateEntityAsync(results, replacing.Version, TableUpdateMode.Replace, cancellationToken);
            return new PublishedPollResults(results.ReadCounts(), totalVotes, publishedAt) { Version = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>The poll row and the chosen shard, from the same bounded range as the results read (at most 17 rows).</summary>
    private async Task<(PollEntity? Poll, TallyShardEntity? Shard)> ReadPollAndShardAsync(string pollId, string shardKey, CancellationToken cancellationToken)
    {
        PollEntity? poll = null;
        TallyShardEntity? shard = null;
        await foreach (var row in QueryMetaAsync(pollId, cancellationToken))
        {
            if (row.RowKey == PollEntity.PollRowKey)
            {
                poll = ToPoll(row);
            }
            else if (row.RowKey == shardKey)
            {
                shard = new TallyShardEntity { PartitionKey = row.PartitionKey, RowKey = row.RowKey, ETag = row.ETag, CountsJson = row.GetString(nameof(TallyShardEntity.CountsJson)) ?? "{}" };
            }
        }

        return (poll, shard);
    }

    /// <summary>
    /// One RowKey range, not an "or" of keys: the service serves a range from its index, while an "or" on RowKey
    /// scans the partition — which here would mean every voter row.
    /// </summary>
    private AsyncPageable<TableEntity> QueryMetaAsync(string pollId, CancellationToken cancellationToken) =>
        tables.Polls.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {pollId} and RowKey ge {PollEntity.MetaPrefix} and RowKey lt {PollEntity.MetaPrefix + "~"}"),
            cancellationToken: cancellationToken);

    private static VoteEntity Copy(VoteEntity vote, string rowKey, IReadOnlyList<string> voterRowKeys) => new()
    {
        PartitionKey = vote.PartitionKey,
        RowKey = rowKey,
        VoteId = vote.VoteId,
        OptionId = vote.OptionId,

        // Only the row keyed by the person carries their key: the token row stays behind after an erasure, so the
        // same cookie cannot vote twice and the tally stays right, and it must not say whose it was.
        SubjectKey = rowKey.StartsWith(VoteEntity.SubjectRowKeyPrefix, StringComparison.Ordinal) ? vote.SubjectKey : null,

        // ...and names the token row, so an erasure can strip it to a bare marker: still one vote per cookie, no longer
        // the person's choice.
        TokenRowKey = rowKey.StartsWith(VoteEntity.SubjectRowKeyPrefix, StringComparison.Ordinal)
            ? voterRowKeys.FirstOrDefault(key => key.StartsWith(VoteEntity.TokenRowKeyPrefix, StringComparison.Ordinal))
            : null,
        ReceiptId = vote.ReceiptId,
        CreatedAt = vote.CreatedAt,
        IdempotencyRowKey = vote.IdempotencyRowKey,
    };

    private static PollEntity ToPoll(TableEntity row) => new()
    {
        PartitionKey = row.PartitionKey,
        RowKey = row.RowKey,
        ETag = row.ETag,
        Question = row.GetString(nameof(PollEntity.Question)) ?? string.Empty,
        OptionsJson = row.GetString(nameof(PollEntity.OptionsJson)) ?? "[]",
        Status = row.GetString(nameof(PollEntity.Status)) ?? string.Empty,
        CreatedAt = row.GetDateTimeOffset(nameof(PollEntity.CreatedAt)) ?? default,
        UpdatedAt = row.GetDateTimeOffset(nameof(PollEntity.UpdatedAt)) ?? default,
    };
}
