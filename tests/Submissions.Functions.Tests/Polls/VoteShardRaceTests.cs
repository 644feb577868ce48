using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage;
using Submissions.Storage.Idempotency;
using Submissions.Storage.Ledger;
using Submissions.Storage.Polls;
using Submissions.Storage.Subjects;

namespace Submissions.Functions.Tests.Polls;

/// <summary>
/// Concurrent votes race for the poll's tally shards (the benchmark saw about one vote in six at concurrency 8). A vote
/// that loses its shard between read and write retries with a fresh read at once: the key and voter rows ahead of the
/// shard in its transaction were free, so looking them up would only add two round trips to every race.
/// </summary>
public sealed class VoteShardRaceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_vote_that_loses_its_tally_shard_retries_without_looking_up_its_key_and_voter()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pollId = await app.CreatePollAsync();
        var pollsTable = app.Tables.Polls.Name;
        var racer = new ShardRacer(new TableServiceClient(azurite.ConnectionString).GetTableClient(pollsTable), pollId);
        var requests = new RequestCounter();
        var options = new TableClientOptions();
        options.AddPolicy(racer, HttpPipelinePosition.PerCall);
        options.AddPolicy(requests, HttpPipelinePosition.PerRetry);
        var tables = new SubmissionsTables(
            new TableServiceClient(azurite.ConnectionString, options),
            Options.Create(new StorageOptions { TablePrefix = pollsTable[..^SubmissionsTables.PollsName.Length] }),
            [VoteFormStorage.Definition]);
        var store = new PollStore(tables, new SubjectIndex(tables));
        var now = DateTimeOffset.UtcNow;
        var vote = new NewVote(pollId, Guid.NewGuid().ToString("N"), "red", VoterKey: "voter-key-1", SubjectKey: null);

        var result = await store.CastVoteAsync(
            vote,
            new ConsentReceiptDraft("receipt-1", "poll", now, []),
            new IdempotencyClaim("poll", "key-hash-1", "body-hash-1"),
            new StoredResponse(201, "{}"),
            CancellationToken.None);

        Assert.IsType<SubmissionOutcome.Saved>(result.Outcome);
        Assert.Equal(1, racer.Races);

        // Read, the transaction that lost the race, read again, the transaction — no point reads of the key or voter.
        Assert.Equal(4, requests.Count);
        Assert.Equal(1, (await app.TalliesAsync(pollId)).Votes["red"]);
    }

    /// <summary>Another vote, in effect: just before the first transaction is sent, every shard of the poll is rewritten.</summary>
    private sealed class ShardRacer(TableClient polls, string pollId) : HttpPipelineSynchronousPolicy
    {
        public int Races { get; private set; }

        public override void OnSendingRequest(HttpMessage message)
        {
            if (Races > 0 || message.Request.Method != RequestMethod.Post || !message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal))
            {
                return;
            }

            Races++;
            for (var shard = 0; shard < PollStore.TallyShards; shard++)
            {
                polls.UpsertEntity(new TallyShardEntity { PartitionKey = pollId, RowKey = TallyShardEntity.RowKeyFor(shard), CountsJson = "{}" }, TableUpdateMode.Replace);
            }
        }
    }
}
