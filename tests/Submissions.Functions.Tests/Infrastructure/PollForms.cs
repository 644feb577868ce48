using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Functions.Http;
using Submissions.Storage.Polls;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>Creates polls and casts votes through the poll functions.</summary>
public static class PollForms
{
    public static string NewPollId() => "poll-" + Guid.NewGuid().ToString("N")[..12];

    public static string NewVoterToken() => Guid.NewGuid().ToString("N");

    public static object[] Consents(bool terms = true) => [new { labelId = "poll-terms", version = 1, granted = terms }];

    public static object Definition(string status = "open", params string[] optionIds) => new
    {
        question = "Which colour?",
        options = (optionIds.Length == 0 ? ["red", "green", "blue"] : optionIds).Select(id => new { optionId = id, text = "Option " + id }),
        status,
    };

    public static async Task<TestResponse> PutPollAsync(this TestApp app, string pollId, object definition)
    {
        ArgumentNullException.ThrowIfNull(app);
        var request = HttpExchange.Request("PUT", $"/api/manage/polls/{pollId}", JsonSerializer.Serialize(definition, HttpExchange.JsonOptions));
        return await app.Function<PollFunctions>().PutAsync(request, pollId, CancellationToken.None).ExecuteAsync(request);
    }

    public static async Task<string> CreatePollAsync(this TestApp app)
    {
        var pollId = NewPollId();
        var created = await app.PutPollAsync(pollId, Definition());
        Assert.Equal(201, created.Status);
        return pollId;
    }

    public static object Vote(string optionId = "red", string? voterToken = null, string? email = null, object[]? consents = null) =>
        new { optionId, voterToken, email, consents = consents ?? Consents() };

    public static async Task<TestResponse> VoteAsync(this TestApp app, string pollId, object vote, IDictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.RecordSubmitted(vote);
        var request = HttpExchange.PostJson($"/api/polls/{pollId}/votes", vote, headers);
        return await app.Function<PollFunctions>().VoteAsync(request, pollId, CancellationToken.None).ExecuteAsync(request);
    }

    public static async Task<TestResponse> ResultsAsync(this TestApp app, string pollId)
    {
        ArgumentNullException.ThrowIfNull(app);
        var request = HttpExchange.Request("GET", $"/api/polls/{pollId}/results", contentType: null);
        return await app.Function<PollFunctions>().ResultsAsync(request, pollId, CancellationToken.None).ExecuteAsync(request);
    }

    /// <summary>
    /// The live tallies as storage holds them — what a vote changed, exactly: every vote partition counted (folded
    /// tallies and journal rows) plus a legacy poll's own shards, without folding anything. The public results route
    /// shows them only in steps of the statistics minimum, so tests of counting read them here.
    /// </summary>
    public static async Task<PollTallies> TalliesAsync(this TestApp app, string pollId)
    {
        ArgumentNullException.ThrowIfNull(app);
        var poll = await app.Services.GetRequiredService<PollStore>().GetPollAsync(pollId, CancellationToken.None)
            ?? throw new InvalidOperationException("No such poll.");
        var counted = await app.Services.GetRequiredService<VoteCounter>().CountAsync(poll, fold: false, CancellationToken.None);
        var votes = poll.Options.ToDictionary(option => option.OptionId, option => counted.GetValueOrDefault(option.OptionId));
        return new PollTallies(votes, votes.Values.Sum());
    }

    /// <summary>
    /// The kinds of row a poll has in Polls (<see cref="Concurrency.Storm.Kind"/>), over its own partition and all its vote
    /// partitions ("{pollId}~vNN").
    /// </summary>
    public static async Task<Dictionary<string, int>> PollRowKindsAsync(this TestApp app, string pollId)
    {
        ArgumentNullException.ThrowIfNull(app);
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, row) in await app.PollRowsAsync(pollId))
        {
            var kind = Concurrency.Storm.Kind(row);
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
        }

        return kinds;
    }

    /// <summary>Every row of a poll in Polls, as (partition, row key): its own partition and its vote partitions.</summary>
    public static async Task<List<(string Partition, string RowKey)>> PollRowsAsync(this TestApp app, string pollId)
    {
        ArgumentNullException.ThrowIfNull(app);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pollId} or (PartitionKey ge {pollId + "~v"} and PartitionKey lt {pollId + "~w"})");
        var rows = new List<(string, string)>();
        await foreach (var row in app.Tables.Polls.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: TestContext.Current.CancellationToken))
        {
            rows.Add((row.PartitionKey, row.RowKey));
        }

        return rows;
    }

    public static Dictionary<string, long> Votes(this TestResponse results) =>
        results.Json.GetProperty("options").EnumerateArray().ToDictionary(o => o.GetProperty("optionId").GetString()!, o => o.GetProperty("votes").GetInt64());
}

/// <summary>A poll's live tallies per option and their total.</summary>
public sealed record PollTallies(Dictionary<string, long> Votes, long Total);
