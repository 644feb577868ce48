using System.Diagnostics;
using Azure.Data.Tables;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Polls;

namespace Submissions.Functions.Tests.Polls;

/// <summary>
/// The results read at 100 and at 100,000 votes. The votes beyond the first 100 are written straight into storage in
/// the shape the vote path writes (voter rows plus shard counts), because casting 100,000 real votes would take
/// minutes of Azurite time to prove nothing more. What is asserted is structural — one round trip, the same rows
/// read — and the times are reported, not asserted.
/// </summary>
public sealed class PollResultsCostTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Reading_results_costs_the_same_at_100_and_100000_votes()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pollId = await app.CreatePollAsync();
        for (var i = 0; i < 100; i++)
        {
            await app.VoteAsync(pollId, PollForms.Vote("red", PollForms.NewVoterToken()));
        }

        var small = await MeasureAsync(app, pollId);
        await AddSyntheticVotesAsync(app, pollId, 99_900);
        var large = await MeasureAsync(app, pollId);

        Assert.Equal(100, small.Total);
        Assert.Equal(100_000, large.Total);
        Assert.Equal(1, small.RoundTrips);
        Assert.Equal(1, large.RoundTrips);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Poll results read: 100 votes {small.Elapsed.TotalMilliseconds:F1} ms, 100,000 votes {large.Elapsed.TotalMilliseconds:F1} ms (median of 20, 1 round trip each)");
    }

    private static async Task<(long Total, int RoundTrips, TimeSpan Elapsed)> MeasureAsync(TestApp app, string pollId)
    {
        // The first read after the votes publishes the results step they complete (one extra write, once per step).
        await app.ResultsAsync(pollId);
        var trips = await app.Requests.CountAsync(() => app.ResultsAsync(pollId));
        var times = new List<TimeSpan>();
        long total = 0;
        for (var i = 0; i < 20; i++)
        {
            var clock = Stopwatch.StartNew();
            total = (await app.ResultsAsync(pollId)).Json.GetProperty("totalVotes").GetInt64();
            times.Add(clock.Elapsed);
        }

        return (total, trips, times.Order().ElementAt(times.Count / 2));
    }

    /// <summary>Voter rows in batches of 100, then the counts added to shard 00 — what the vote path would have left.</summary>
    private static async Task AddSyntheticVotesAsync(TestApp app, string pollId, int votes)
    {
        var now = app.Time.GetUtcNow();
        var batches = Enumerable.Range(0, votes / 100).Select(batch => Enumerable.Range(0, 100).Select(i => new TableTransactionAction(
            TableTransactionActionType.Add,
            new VoteEntity { PartitionKey = pollId, RowKey = VoteEntity.TokenRowKeyFor($"synthetic{batch:D5}{i:D3}"), VoteId = $"v{batch}-{i}", OptionId = "green", ReceiptId = "synthetic", CreatedAt = now })).ToList());
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, token) =>
            await app.Tables.Polls.SubmitTransactionAsync(batch, token));

        var shard = (await app.Tables.Polls.GetEntityIfExistsAsync<TallyShardEntity>(pollId, TallyShardEntity.RowKeyFor(0))).Value;
        var counts = shard?.ReadCounts() ?? [];
        counts["green"] = counts.GetValueOrDefault("green") + votes;
        await app.Tables.Polls.UpsertEntityAsync(
            new TallyShardEntity { PartitionKey = pollId, RowKey = TallyShardEntity.RowKeyFor(0), CountsJson = System.Text.Json.JsonSerializer.Serialize(counts) },
            TableUpdateMode.Replace);
    }
}
