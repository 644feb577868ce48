using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Submissions.Application.Exports;
using Submissions.Benchmarks.Hosting;
using Submissions.Benchmarks.Http;
using Submissions.Benchmarks.Measuring;
using Submissions.Benchmarks.Scenarios.Forms;
using Submissions.Functions.Http;

namespace Submissions.Benchmarks.Scenarios.Viral;

/// <summary>The calls of the viral cases, through the function classes as the Functions host calls them.</summary>
internal static class ViralOperations
{
    public static readonly string[] OptionIds = ["privacy", "serverless", "testing"];

    public static string Email(string prefix, int i) => $"{prefix}.{i.ToString("D7", CultureInfo.InvariantCulture)}@example.test";

    public static LoadOperation Vote(BenchApp app, string pollId, string prefix)
    {
        var functions = app.FunctionFactory<PollFunctions>();
        return FormOperations.Post("vote", $"/api/polls/{pollId}/votes", i => new
        {
            optionId = OptionIds[i % OptionIds.Length],
            voterToken = $"{prefix}-voter-{i.ToString("D7", CultureInfo.InvariantCulture)}",
            consents = new object[] { new { labelId = "poll-terms", version = 1, granted = true } },
        }, (request, token) => functions().VoteAsync(request, pollId, token));
    }

    public static LoadOperation Enter(BenchApp app, string promotionId, string prefix)
    {
        var functions = app.FunctionFactory<PromotionFunctions>();
        return FormOperations.Post("entry", $"/api/promotions/{promotionId}/entries", i => new
        {
            email = Email(prefix, i),
            name = "Entrant " + i.ToString(CultureInfo.InvariantCulture),
            fields = new { answer = "Blue" },
            consents = new object[]
            {
                new { labelId = "promotion-terms", version = 1, granted = true },
                new { labelId = "demo-partner-sharing", version = 1, granted = true },
            },
        }, (request, token) => functions().EnterAsync(request, promotionId, token));
    }

    public static LoadOperation Results(BenchApp app, string pollId)
    {
        var functions = app.FunctionFactory<PollFunctions>();
        return new("results view", _ => async token =>
        {
            var request = HttpCalls.Get($"/api/polls/{pollId}/results");
            return await functions().ResultsAsync(request, pollId, token).ExecuteAsync(request);
        });
    }

    public static LoadOperation Listing(BenchApp app, string pageId)
    {
        var functions = app.FunctionFactory<CommentFunctions>();
        return new("listing view", _ => async token =>
        {
            var request = HttpCalls.Get($"/api/pages/{pageId}/comments");
            return await functions().ListForPageAsync(request, pageId, token).ExecuteAsync(request);
        });
    }

    /// <summary>A GET through a function, its JSON answer parsed (the status must be 200).</summary>
    public static async Task<JsonElement> JsonAsync(Func<HttpRequest, Task<Microsoft.AspNetCore.Mvc.IActionResult>> call, HttpRequest request)
    {
        var body = new MemoryStream();
        request.HttpContext.Response.Body = body;
        var status = await call(request).ExecuteAsync(request);
        return status == 200
            ? JsonDocument.Parse(body.ToArray()).RootElement.Clone()
            : throw new InvalidOperationException($"{request.Path} answered {status}.");
    }

    /// <summary>The promotion-entries export (NDJSON) over a range: its rows' emails, as an admin downloads them.</summary>
    public static async Task<List<string>> ExportedEntrantsAsync(BenchApp app, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var request = HttpCalls.Get("/api/manage/exports/" + ExportKinds.PromotionEntries);
        request.QueryString = new QueryString($"?from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}&format=ndjson");
        var body = new MemoryStream();
        request.HttpContext.Response.Body = body;
        var status = await app.Get<ExportsHandler>().ExportAsync(request, ExportKinds.PromotionEntries, cancellationToken).ExecuteAsync(request);
        if (status != 200)
        {
            throw new InvalidOperationException($"The entries export answered {status}.");
        }

        return [.. System.Text.Encoding.UTF8.GetString(body.ToArray())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("email").GetString() ?? string.Empty)];
    }
}
