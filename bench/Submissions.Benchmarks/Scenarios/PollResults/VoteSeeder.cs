using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Submissions.Domain.Consent;
using Submissions.Domain.Privacy;
using Submissions.Storage.Ledger;
using Submissions.Storage.Polls;

namespace Submissions.Benchmarks.Scenarios.PollResults;

/// <summary>
/// Votes written straight into the Polls table in the layout a vote by voter token leaves (casting them through the
/// app would take Azurite minutes per 10,000): per vote its voter row (voter~t~{keyed hash of the token, by the app's
/// own hasher}), its receipt and its ledger row (by the app's own <see cref="ConsentReceiptDraft.LedgerActions"/>, with
/// the catalog's poll-terms label), 33 votes to an entity-group transaction; then the 16 tally shards holding their
/// counts. Not written: idempotency records (the daily purge removes them after 7 days, so an old poll has none).
/// </summary>
internal sealed class VoteSeeder(TableClient polls, VoterKeyHasher voters, ConsentLabel pollTerms)
{
    private const int VotesPerTransaction = 33;
    private static readonly string[] Options = ["privacy", "serverless", "testing"];

    public static IReadOnlyList<string> OptionIds => Options;

    /// <summary>The option vote i chose: a 3:2:1 split, so the totals differ.</summary>
    public static string OptionOf(int i) => Options[i % 6 < 3 ? 0 : i % 6 < 5 ? 1 : 2];

    public async Task AddAsync(string pollId, int votes, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var blocks = Enumerable.Range(0, (votes + VotesPerTransaction - 1) / VotesPerTransaction);
        var done = 0;

        // Azurite is one Node.js process: a handful of transactions in flight keeps it busy without queueing behind it.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(blocks, parallel, async (block, token) =>
        {
            var first = block * VotesPerTransaction;
            var actions = Enumerable.Range(first, Math.Min(VotesPerTransaction, votes - first)).SelectMany(i => Vote(pollId, i)).ToList();
            await polls.SubmitTransactionAsync(actions, token);
            if (Interlocked.Increment(ref done) % 500 == 0)
            {
                Console.WriteLine($"  seeded {Math.Min(votes, done * VotesPerTransaction):N0} / {votes:N0} votes");
            }
        });

        // Vote i went to shard i % 16, as the vote path spreads them (at random there).
        foreach (var shard in Enumerable.Range(0, PollStore.TallyShards))
        {
            var counts = Enumerable.Range(0, votes).Where(i => i % PollStore.TallyShards == shard).CountBy(OptionOf).ToDictionary(pair => pair.Key, pair => (long)pair.Value);
            if (counts.Count > 0)
            {
                var row = new TallyShardEntity { PartitionKey = pollId, RowKey = TallyShardEntity.RowKeyFor(shard), CountsJson = JsonSerializer.Serialize(counts) };
                await polls.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
            }
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine($"  seeded {votes:N0} votes ({votes * 3:N0} rows) into {pollId} in {seconds:F1} s ({votes / seconds:N0} votes/s)");
    }

    private IEnumerable<TableTransactionAction> Vote(string pollId, int i)
    {
        // Spread over the last 30 days, as a poll's votes arrive.
        var createdAt = DateTimeOffset.UtcNow.AddDays(-30).AddSeconds(i * 20L);
        var voteId = Guid.CreateVersion7(createdAt).ToString("N");
        var receipt = new ConsentReceiptDraft(Guid.CreateVersion7(createdAt).ToString("N"), "poll", createdAt, [new ConsentDecision(pollTerms, Granted: true)]);
        var token = "seed-voter-" + i.ToString("D7", CultureInfo.InvariantCulture);
        yield return new TableTransactionAction(TableTransactionActionType.Add, new VoteEntity
        {
            PartitionKey = pollId,
            RowKey = VoteEntity.TokenRowKeyFor(voters.For(pollId, token)),
            VoteId = voteId,
            OptionId = OptionOf(i),
            ReceiptId = receipt.ReceiptId,
            CreatedAt = createdAt,
        });

        foreach (var action in receipt.LedgerActions(pollId, subjectKey: null, voteId))
        {
            yield return action;
        }
    }
}
