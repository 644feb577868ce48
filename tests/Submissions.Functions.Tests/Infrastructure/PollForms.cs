using System.Text.Json;
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
    /// The live tallies as storage holds them — what a vote changed, exactly. The public results route shows them only in
    /// steps of the statistics minimum, so tests of counting read them here.
    /// </summary>
    public static async Task<PollTallies> TalliesAsync(this TestApp app, string pollId)
    {
        ArgumentNullException.ThrowIfNull(app);
        var results = await app.Services.GetRequiredService<PollStore>().ReadResultsAsync(pollId, CancellationToken.None)
            ?? throw new InvalidOperationException("No such poll.");
        var votes = results.Poll.Options.ToDictionary(option => option.OptionId, option => results.Votes.GetValueOrDefault(option.OptionId));
        return new PollTallies(votes, votes.Values.Sum());
    }

    public static Dictionary<string, long> Votes(this TestResponse results) =>
        results.Json.GetProperty("options").EnumerateArray().ToDictionary(o => o.GetProperty("optionId").GetString()!, o => o.GetProperty("votes").GetInt64());
}

/// <summary>A poll's live tallies per option and their total.</summary>
public sealed record PollTallies(Dictionary<string, long> Votes, long Total);
