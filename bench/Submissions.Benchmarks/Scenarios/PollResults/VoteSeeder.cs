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
/// Votes written straight into the Polls table in the layout votes by voter token leave once folded (casting them
/// through the app would take Azurite minutes per 10,000): per vote, in its vote partition
/// (<see cref="VotePartitions.For"/> of the voter key, as the app picks it), its voter row (voter~t~{keyed hash of the
/// token, by the app's own hasher}), its receipt and its ledger row (by the app's own
/// <see cref="ConsentReceiptDraft.LedgerActions"/>, with the catalog's poll-terms label), 33 votes to an entity-group
/// transaction; then each vote partition's folded tally (meta~fold) holding its counts — what a recount leaves after
/// folding the journal rows. Not written: idempotency records (the daily purge removes them after 7 days, so an old poll
/// has none) and journal rows (folded away by the first recount after the votes).
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
        var byPartition = Enumerable.Range(0, votes).Select(i => (Vote: i, VoterKey: voters.For(pollId, Token(i))))
            .GroupBy(vote => VotePartitions.For(pollId, vote.VoterKey, VotePartitions.Count)).ToList();
        var blocks = byPartition.SelectMany(partition => partition.Chunk(VotesPerTransaction).Select(chunk => (Partition: partition.Key, Votes: chunk)));
        var done = 0;

        // Azurite is one Node.js process: a handful of transactions in flight keeps it busy without queueing behind it.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(blocks, parallel, async (block, token) =>
        {
            var actions = block.Votes.SelectMany(vote => Vote(block.Partition, vote.Vote, vote.VoterKey)).ToList();
            await polls.SubmitTransactionAsync(actions, token);
            if (Interlocked.Increment(ref done) % 500 == 0)
            {
                Console.WriteLine($"  seeded {done * VotesPerTransaction:N0} / {votes:N0} votes (about)");
            }
        });

        foreach (var partition in byPartition)
        {
            var counts = partition.CountBy(vote => OptionOf(vote.Vote)).ToDictionary(pair => pair.Key, pair => (long)pair.Value);
            var tally = new FoldedTallyEntity { PartitionKey = partition.Key, CountsJson = JsonSerializer.Serialize(counts), FoldedAt = DateTimeOffset.UtcNow };
            await polls.UpsertEntityAsync(tally, TableUpdateMode.Replace, cancellationToken);
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine($"  seeded {votes:N0} votes ({votes * 3:N0} rows) into {pollId}'s {byPartition.Count} vote partitions in {seconds:F1} s ({votes / seconds:N0} votes/s)");
    }

    private static string Token(int i) => "seed-voter-" + i.ToString("D7", CultureInfo.InvariantCulture);

    private IEnumerable<TableTransactionAction> Vote(string partition, int i, string voterKey)
    {
        // Spread over the last 30 days, as a poll's votes arrive.
        var createdAt = DateTimeOffset.UtcNow.AddDays(-30).AddSeconds(i * 20L);
        var voteId = Guid.CreateVersion7(createdAt).ToString("N");
        var receipt = new ConsentReceiptDraft(Guid.CreateVersion7(createdAt).ToString("N"), "poll", createdAt, [new ConsentDecision(pollTerms, Granted: true)]);
        yield return new TableTransactionAction(TableTransactionActionType.Add, new VoteEntity
        {
            PartitionKey = partition,
            RowKey = VoteEntity.TokenRowKeyFor(voterKey),
            VoteId = voteId,
            OptionId = OptionOf(i),
            ReceiptId = receipt.ReceiptId,
            CreatedAt = createdAt,
        });

        foreach (var action in receipt.LedgerActions(partition, subjectKey: null, voteId))
        {
            yield return action;
        }
    }
}
