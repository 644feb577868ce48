using System.Diagnostics;
using System.Text.Json;
using Azure.Data.Tables;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Polls;

namespace Submissions.Functions.Tests.Polls;

/// <summary>
/// The results read at 100 and at 100,000 votes. The votes beyond the first 100 are written straight into storage in
/// the shape the vote path and its folds leave (voter rows in their vote partitions, counts in each partition's folded
/// tally), because casting 100,000 real votes would take minutes of Azurite time to prove nothing more. What is asserted
/// is structural — a read is one round trip, a recount the same number at both sizes — and the times are reported.
/// </summary>
public sealed class PollResultsCostTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Reading_results_costs_the_same_at_100_and_100000_votes()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, settings: new Dictionary<string, string?> { ["ReadCache:PollTotalsSeconds"] = "3600" });
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

        // A recount reads every vote partition once, whatever it holds: the same round trips at both sizes (the folds of
        // the first one's journal rows aside, which the synthetic votes do not have).
        Assert.Equal(1 + 1 + VotePartitions.Count + 1, large.RecountTrips);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Poll results read: 100 votes {small.Elapsed.TotalMilliseconds:F1} ms, 100,000 votes {large.Elapsed.TotalMilliseconds:F1} ms (median of 20, 1 round trip each); " +
            $"recount {small.RecountTrips} and {large.RecountTrips} round trips");
    }

    private static async Task<(long Total, int RoundTrips, int RecountTrips, TimeSpan Elapsed)> MeasureAsync(TestApp app, string pollId)
    {
        // The totals are an hour old: the first read recounts them and publishes the step they complete.
        app.Time.Advance(TimeSpan.FromHours(1));
        var recount = await app.Requests.CountFirstAttemptsAsync(() => app.ResultsAsync(pollId));
        var trips = await app.Requests.CountAsync(() => app.ResultsAsync(pollId));
        var times = new List<TimeSpan>();
        long total = 0;
        for (var i = 0; i < 20; i++)
        {
            var clock = Stopwatch.StartNew();
            total = (await app.ResultsAsync(pollId)).Json.GetProperty("totalVotes").GetInt64();
            times.Add(clock.Elapsed);
        }

        return (total, trips, recount, times.Order().ElementAt(times.Count / 2));
    }

    /// <summary>Voter rows in their vote partitions, 100 to a transaction, then each partition's count added to its folded tally.</summary>
    private static async Task AddSyntheticVotesAsync(TestApp app, string pollId, int votes)
    {
        var now = app.Time.GetUtcNow();
        var voters = Enumerable.Range(0, votes).Select(i => VoteEntity.TokenRowKeyFor($"synthetic{i:D7}"))
            .GroupBy(rowKey => VotePartitions.For(pollId, rowKey, VotePartitions.Count)).ToList();
        var batches = voters.SelectMany(partition => partition.Chunk(100).Select(chunk => chunk.Select(rowKey => new TableTransactionAction(
            // An upsert, not an add: under load the SDK may retry a batch whose first try landed (a 409 otherwise).
            TableTransactionActionType.UpsertReplace,
            new VoteEntity { PartitionKey = partition.Key, RowKey = rowKey, VoteId = rowKey[^7..], OptionId = "green", ReceiptId = "synthetic", CreatedAt = now })).ToList()));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, token) =>
            await app.Tables.Polls.SubmitTransactionAsync(batch, token));

        foreach (var partition in voters)
        {
            var tally = await app.Tables.Polls.GetEntityIfExistsAsync<FoldedTallyEntity>(partition.Key, FoldedTallyEntity.FoldRowKey);
            var counts = tally.HasValue ? tally.Value!.ReadCounts() : [];
            counts["green"] = counts.GetValueOrDefault("green") + partition.Count();
            await app.Tables.Polls.UpsertEntityAsync(
                new FoldedTallyEntity { PartitionKey = partition.Key, CountsJson = JsonSerializer.Serialize(counts), FoldedAt = now }, TableUpdateMode.Replace);
        }
    }
}
