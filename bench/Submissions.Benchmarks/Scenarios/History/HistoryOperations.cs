using System.Globalization;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Submissions.Application.Exports;
using Submissions.Application.Statistics;
using Submissions.Benchmarks.Hosting;
using Submissions.Benchmarks.Http;
using Submissions.Benchmarks.Measuring;
using Submissions.Functions.Http;

namespace Submissions.Benchmarks.Scenarios.History;

/// <summary>The history scenario's calls: the forms that build the year, and the admin reads measured over it.</summary>
internal static class HistoryOperations
{
    /// <summary>The people who comment over the year, in turn: each ends up with a long history.</summary>
    public const int People = 20;

    public static string Email(int person) => $"history.{person.ToString("D3", CultureInfo.InvariantCulture)}@example.test";

    public static LoadOperation Comment(BenchApp app) => Post(app.FunctionFactory<CommentFunctions>(), "/api/comments", i => new
    {
        pageId = "page-" + (i % 10).ToString("D2", CultureInfo.InvariantCulture),
        displayName = "Reader " + (i % People).ToString(CultureInfo.InvariantCulture),
        email = Email(i % People),
        text = "A comment posted on its day, number " + i.ToString(CultureInfo.InvariantCulture) + ".",
        consents = new object[]
        {
            new { labelId = "comment-terms", version = 1, granted = true },
            new { labelId = "public-display", version = 1, granted = true },
        },
    }, (functions, request, token) => functions().SubmitAsync(request, token));

    public static LoadOperation Vote(BenchApp app, string pollId) => Post(app.FunctionFactory<PollFunctions>(), $"/api/polls/{pollId}/votes", i => new
    {
        optionId = Viral.ViralOperations.OptionIds[i % 3],
        voterToken = "history-voter-" + i.ToString("D7", CultureInfo.InvariantCulture),
        consents = new object[] { new { labelId = "poll-terms", version = 1, granted = true } },
    }, (functions, request, token) => functions().VoteAsync(request, pollId, token));

    /// <summary>GET manage/exports/comments over [from, to) as NDJSON; the rows exported are counted from its lines.</summary>
    public static LoadOperation Export(BenchApp app, DateTimeOffset from, DateTimeOffset to, Action<long> exported) => new("one-day export", _ => async token =>
    {
        var request = HttpCalls.Get("/api/manage/exports/" + ExportKinds.Comments);
        request.QueryString = new QueryString($"?from={Iso(from)}&to={Iso(to)}&format=ndjson");
        var body = new CountingStream();
        request.HttpContext.Response.Body = body;
        var status = await app.Get<ExportsHandler>().ExportAsync(request, ExportKinds.Comments, token).ExecuteAsync(request);
        exported(body.LineFeeds);
        return status;
    });

    /// <summary>The hourly export day index run, as the timer calls it: here its first, over the whole year.</summary>
    public static LoadOperation IndexDays(BenchApp app) => new("index days", _ => async token =>
    {
        await app.Get<ExportDayIndexing>().RunAsync(token);
        return StatusCodes.Status200OK;
    });

    /// <summary>The hourly statistics roll-up, as the timer calls it: here its first, over the whole year.</summary>
    public static LoadOperation RollUp(BenchApp app) => new("roll-up", _ => async token =>
    {
        await app.Get<StatisticsRollUp>().RunAsync(token);
        return StatusCodes.Status200OK;
    });

    /// <summary>GET manage/stats over [from, to) (dates).</summary>
    public static LoadOperation Statistics(BenchApp app, DateOnly from, DateOnly to) => new("statistics", _ => async token =>
    {
        var request = HttpCalls.Get("/api/manage/stats");
        request.QueryString = new QueryString($"?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
        return await app.FunctionFactory<StatisticsFunctions>()().GetAsync(request, token).ExecuteAsync(request);
    });

    public static LoadOperation Access(BenchApp app, string email) => Subject(app, "access", email, (functions, request, token) => functions().AccessAsync(request, token));

    public static LoadOperation Erase(BenchApp app, string email) => Subject(app, "erase", email, (functions, request, token) => functions().EraseAsync(request, token));

    /// <summary>
    /// The entities the key conditions of each query cover — what Table Storage walks to answer it: the query again, keys
    /// only, with every condition on a property other than PartitionKey and RowKey dropped. Null when a filter is not a
    /// plain conjunction (an "or"), which this cannot split.
    /// </summary>
    public static async Task<long?> KeyRangeEntitiesAsync(BenchApp app, IEnumerable<(string Table, string Filter)> queries, CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var (table, filter) in queries)
        {
            if (filter.Contains(" or ", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var keys = string.Join(" and ", filter.Split(" and ", StringSplitOptions.TrimEntries)
                .Where(term => term.TrimStart('(').StartsWith("PartitionKey", StringComparison.Ordinal) || term.TrimStart('(').StartsWith("RowKey", StringComparison.Ordinal))
                .Select(term => term.Trim('(', ')')));
            var client = app.Get<TableServiceClient>().GetTableClient(app.TablePrefix + table);
            await foreach (var _ in client.QueryAsync<TableEntity>(keys.Length == 0 ? null : keys, select: ["PartitionKey"], cancellationToken: cancellationToken))
            {
                total++;
            }
        }

        return total;
    }

    private static LoadOperation Subject(BenchApp app, string mode, string email, Func<Func<SubjectAdminFunctions>, HttpRequest, CancellationToken, Task<Microsoft.AspNetCore.Mvc.IActionResult>> call)
    {
        var functions = app.FunctionFactory<SubjectAdminFunctions>();
        var body = HttpCalls.JsonBody(new { email });
        return new(mode, _ => async token =>
        {
            var request = HttpCalls.Put($"/api/manage/subjects/{mode}", body);
            request.Method = HttpMethods.Post;
            return await call(functions, request, token).ExecuteAsync(request);
        });
    }

    private static LoadOperation Post<T>(Func<T> functions, string path, Func<int, object> body, Func<Func<T>, HttpRequest, CancellationToken, Task<Microsoft.AspNetCore.Mvc.IActionResult>> handle)
        where T : class =>
        new("app", i =>
        {
            var bytes = HttpCalls.JsonBody(body(i));
            var client = HttpCalls.ClientAddress(i);
            var key = Guid.NewGuid().ToString("N");
            return async token =>
            {
                var request = HttpCalls.PostJson(path, bytes, client, key);
                return await handle(functions, request, token).ExecuteAsync(request);
            };
        });

    private static string Iso(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O", CultureInfo.InvariantCulture));
}
