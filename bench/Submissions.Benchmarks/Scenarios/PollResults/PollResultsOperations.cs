using System.Text.Json;
using Azure.Data.Tables;
using Submissions.Benchmarks.Hosting;
using Submissions.Benchmarks.Http;
using Submissions.Benchmarks.Measuring;
using Submissions.Functions.Http;
using Submissions.Storage.Polls;

namespace Submissions.Benchmarks.Scenarios.PollResults;

/// <summary>The reads compared: GET poll results through the app, and the bare point read of the row it reads.</summary>
internal static class PollResultsOperations
{
    public const string App = "app";

    public const string PointRead = "point read of the poll row";

    public const string Recount = "read claiming a recount";

    /// <summary>
    /// The floor of a results read, and exactly the storage work the app's read does: the poll row by its keys, which
    /// holds the totals as last recounted and the results as last published.
    /// </summary>
    public static LoadOperation PointReadOfPollRow(TableClient polls, string pollId) =>
        new(PointRead, _ => async token => (await polls.GetEntityAsync<TableEntity>(pollId, PollEntity.PollRowKey, cancellationToken: token)).GetRawResponse().Status);

    /// <summary>GET polls/{pollId}/results through <see cref="PollFunctions.ResultsAsync"/>, the result run into a response.</summary>
    public static LoadOperation Results(BenchApp app, string pollId, string mode = App)
    {
        var functions = app.FunctionFactory<PollFunctions>();
        return new(mode, _ => async token =>
        {
            var request = HttpCalls.Get($"/api/polls/{pollId}/results");
            return await functions().ResultsAsync(request, pollId, token).ExecuteAsync(request);
        });
    }

    /// <summary>
    /// The published total must be <paramref name="votes"/>: read after a recount, every vote seeded or cast is counted.
    /// The read that claims a recount waits for it here (the scenario's wait budget is the longest allowed), so one read
    /// after the totals fall due is enough.
    /// </summary>
    public static async Task VerifyAsync(BenchApp app, string pollId, long votes, CancellationToken cancellationToken)
    {
        var total = await TotalVotesAsync(app, pollId, cancellationToken);
        if (total != votes)
        {
            throw new InvalidOperationException($"Poll {pollId}: the app counts {total} of {votes} votes.");
        }
    }

    /// <summary>The published total one results read answers; -1 for no answer or none published.</summary>
    private static async Task<long> TotalVotesAsync(BenchApp app, string pollId, CancellationToken cancellationToken)
    {
        var request = HttpCalls.Get($"/api/polls/{pollId}/results");
        var body = new MemoryStream();
        request.HttpContext.Response.Body = body;
        var status = await app.FunctionFactory<PollFunctions>()().ResultsAsync(request, pollId, cancellationToken).ExecuteAsync(request);
        return status == 200 && JsonDocument.Parse(body.ToArray()).RootElement.TryGetProperty("totalVotes", out var total) && total.ValueKind == JsonValueKind.Number
            ? total.GetInt64()
            : -1;
    }
}
