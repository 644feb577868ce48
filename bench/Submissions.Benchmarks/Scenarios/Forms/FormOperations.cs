using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Submissions.Application.Polls;
using Submissions.Application.Promotions;
using Submissions.Benchmarks.Hosting;
using Submissions.Benchmarks.Http;
using Submissions.Benchmarks.Measuring;
using Submissions.Functions.Http;

namespace Submissions.Benchmarks.Scenarios.Forms;

/// <summary>
/// The four public forms through their function classes, as the Functions host calls them: a POST with a JSON body,
/// a client address as the host forwards it (the remote address) and a fresh Idempotency-Key; the IActionResult run into a response for its
/// status. Each answers the demo catalog's labels by their current version, as the site's script does.
/// </summary>
internal static class FormOperations
{
    public const string App = "app";

    public static LoadOperation Registration(BenchApp app)
    {
        var functions = app.FunctionFactory<RegistrationFunctions>();
        return Post("/api/registrations", i => new
        {
            email = FormPeople.Email(i),
            displayName = FormPeople.Name(i),
            profile = new { language = "en", country = "FI", ageRange = "25-34" },
            consents = new object[]
            {
                new { labelId = "terms", version = 1, granted = true },
                new { labelId = "special-offers", version = 1, granted = i % 2 == 0 },
                new { labelId = "demographics", version = 1, granted = true },
            },
        }, (request, token) => functions().SubmitAsync(request, token));
    }

    public static LoadOperation Comment(BenchApp app)
    {
        var functions = app.FunctionFactory<CommentFunctions>();
        return Post("/api/comments", i => new
        {
            pageId = FormPeople.PageId(i),
            displayName = FormPeople.Name(i),
            email = FormPeople.Email(i),
            text = FormPeople.CommentText,
            consents = new object[]
            {
                new { labelId = "comment-terms", version = 1, granted = true },
                new { labelId = "public-display", version = 1, granted = true },
            },
        }, (request, token) => functions().SubmitAsync(request, token));
    }

    /// <summary>A vote by voter token (the site's cookie), no email: the anonymous vote most polls get.</summary>
    public static LoadOperation Vote(BenchApp app)
    {
        var functions = app.FunctionFactory<PollFunctions>();
        string[] options = ["privacy", "serverless", "testing"];
        return Post($"/api/polls/{DemoPollSeed.PollId}/votes", i => new
        {
            optionId = options[i % options.Length],
            voterToken = FormPeople.VoterToken(i),
            consents = new object[] { new { labelId = "poll-terms", version = 1, granted = true } },
        }, (request, token) => functions().VoteAsync(request, DemoPollSeed.PollId, token));
    }

    /// <summary>An entry that grants sharing with the partner: entry and owed delivery in one transaction, then the queue message.</summary>
    public static LoadOperation PromotionEntry(BenchApp app)
    {
        var functions = app.FunctionFactory<PromotionFunctions>();
        return Post($"/api/promotions/{DemoPromotionSeed.PromotionId}/entries", i => new
        {
            email = FormPeople.Email(i),
            name = FormPeople.Name(i),
            fields = new { answer = "Blue" },
            consents = new object[]
            {
                new { labelId = "promotion-terms", version = 1, granted = true },
                new { labelId = "demo-partner-sharing", version = 1, granted = true },
            },
        }, (request, token) => functions().EnterAsync(request, DemoPromotionSeed.PromotionId, token));
    }

    private static LoadOperation Post(string path, Func<int, object> body, Func<HttpRequest, CancellationToken, Task<IActionResult>> handle) =>
        Post(App, path, body, handle);

    /// <summary>POSTs call i's JSON body from its own client address with a fresh Idempotency-Key, as a browser would.</summary>
    internal static LoadOperation Post(string mode, string path, Func<int, object> body, Func<HttpRequest, CancellationToken, Task<IActionResult>> handle) =>
        new(mode, i =>
        {
            var bytes = HttpCalls.JsonBody(body(i));
            var client = HttpCalls.ClientAddress(i);
            var key = Guid.NewGuid().ToString("N");
            return async token =>
            {
                var request = HttpCalls.PostJson(path, bytes, client, key);
                return await handle(request, token).ExecuteAsync(request);
            };
        });
}
