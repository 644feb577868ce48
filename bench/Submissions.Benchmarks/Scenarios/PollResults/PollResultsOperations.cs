using System.Text.Json;
using Azure.Data.Tables;
using Submissions.Benchmarks.Hosting;
using Submissions.Benchmarks.Http;
using Submissions.Benchmarks.Measuring;
using Submissions.Functions.Http;
using Submissions.Storage.Polls;

namespace Submissions.Benchmarks.Scenarios.PollResults;

/// <summary>The two reads compared: GET poll results through the app, and the bare query of the rows it reads.</summary>
internal static class PollResultsOperations
{
    public const string App = "app";

    public const string Bare = "bare query";

    public const string PointRead = "point read of one entity";

    /// <summary>
    /// The honest floor of a results read: one entity by its keys (results kept in one row, as a read model would keep
    /// them) — here the first row the results range holds, whatever it is.
    /// </summary>
    public static async Task<LoadOperation> PointReadAsync(TableClient polls, string pollId, CancellationToken cancellationToken)
    {
        await foreach (var row in polls.QueryAsync<TableEntity>(Filter(pollId), maxPerPage: 1, cancellationToken: cancellationToken))
        {
            var (partition, key) = (row.PartitionKey, row.RowKey);
            return new(PointRead, _ => async token => (await polls.GetEntityAsync<TableEntity>(partition, key, cancellationToken: token)).GetRawResponse().Status);
        }

        throw new InvalidOperationException($"Poll {pollId} has no rows to read.");
    }

    /// <summary>
    /// What the results read, and so what the bare query must read: the poll row alone, which holds the poll's totals
    /// and published results (written by the verifying read, which recounts and publishes the seeded votes). Its meta~
    /// range in the poll's partition holds nothing else since votes are spread over vote partitions.
    /// </summary>
    public const int ExpectedRows = 1;

    /// <summary>GET polls/{pollId}/results through <see cref="PollFunctions.ResultsAsync"/>, the result run into a response.</summary>
    public static LoadOperation Results(BenchApp app, string pollId)
    {
        var functions = app.FunctionFactory<PollFunctions>();
        return new(App, _ => async token =>
        {
            var request = HttpCalls.Get($"/api/polls/{pollId}/results");
            return await functions().ResultsAsync(request, pollId, token).ExecuteAsync(request);
        });
    }

    /// <summary>
    /// TableClient.QueryAsync&lt;TableEntity&gt; of the rows the results read: the poll and its tally shards, one RowKey range
    /// of its partition (PollStore keeps that query private, so it is rebuilt here; <see cref="VerifyAsync"/> holds the
    /// two to the same rows). Every read must get all <see cref="ExpectedRows"/>: a floor that read fewer would be cheaper.
    /// </summary>
    public static LoadOperation Query(TableClient polls, string pollId) => new(Bare, _ => async token =>
    {
        var rows = 0;
        await foreach (var row in polls.QueryAsync<TableEntity>(Filter(pollId), cancellationToken: token))
        {
            rows++;
        }

        return rows == ExpectedRows
            ? 200
            : throw new InvalidOperationException($"The bare query of poll {pollId} read {rows} rows, not {ExpectedRows}.");
    });

    /// <summary>
    /// Before timing: the app's total is the seeded count (the first read claims the recount that publishes it; past
    /// ReadCache:PollRecountWaitMilliseconds it finishes on its own, so reads repeat until it shows, for up to two
    /// minutes), and the bare query reads the poll row.
    /// </summary>
    public static async Task VerifyAsync(BenchApp app, string pollId, int votes, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        long total;
        while ((total = await TotalVotesAsync(app, pollId, cancellationToken)) != votes && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, cancellationToken);
        }

        var rows = 0;
        await foreach (var row in app.Tables.Polls.QueryAsync<TableEntity>(Filter(pollId), cancellationToken: cancellationToken))
        {
            rows++;
        }

        if (total != votes || rows != ExpectedRows)
        {
            throw new InvalidOperationException($"Poll {pollId}: the app counts {total} of {votes} votes and the bare query reads {rows} rows.");
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

    private static string Filter(string pollId) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {pollId} and RowKey ge {PollEntity.MetaPrefix} and RowKey lt {PollEntity.MetaPrefix + "~"}");
}
