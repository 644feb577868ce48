using Submissions.Benchmarks.Hosting;
using Submissions.Benchmarks.Http;
using Submissions.Functions.Http;

namespace Submissions.Benchmarks.Scenarios.Viral;

/// <summary>What the viral cases set up and check, untimed, through the app's own functions.</summary>
internal static class ViralSetup
{
    public static async Task CreatePollAsync(BenchApp app, string pollId, CancellationToken cancellationToken)
    {
        var definition = HttpCalls.JsonBody(new
        {
            question = "Which topic should we cover next?",
            options = ViralOperations.OptionIds.Select(id => new { optionId = id, text = "Option " + id }),
            status = "open",
        });
        var request = HttpCalls.Put($"/api/manage/polls/{pollId}", definition);
        var status = await app.FunctionFactory<PollFunctions>()().PutAsync(request, pollId, cancellationToken).ExecuteAsync(request);
        if (status != 201)
        {
            throw new InvalidOperationException($"Creating poll {pollId} answered {status}.");
        }
    }

    /// <summary>
    /// The poll's totalVotes once it has settled: read after each results cache period until two reads agree (the read
    /// that claims the recount may answer before it ends, ReadCache:PollRecountWaitMilliseconds), at most five times.
    /// </summary>
    public static async Task<int> CountedVotesAsync(BenchApp app, string pollId, TimeSpan cachePeriod, CancellationToken cancellationToken)
    {
        var functions = app.FunctionFactory<PollFunctions>();
        int? previous = null;
        for (var read = 0; read < 5; read++)
        {
            await Task.Delay(cachePeriod + TimeSpan.FromSeconds(1), cancellationToken);
            var results = await ViralOperations.JsonAsync(request => functions().ResultsAsync(request, pollId, cancellationToken), HttpCalls.Get($"/api/polls/{pollId}/results"));
            var total = results.TryGetProperty("totalVotes", out var value) && value.ValueKind == System.Text.Json.JsonValueKind.Number ? value.GetInt32() : 0;
            if (total == previous)
            {
                return total;
            }

            previous = total;
        }

        return previous ?? 0;
    }

    /// <summary>Comments posted to one page and approved by a moderator, one after another; how many.</summary>
    public static async Task<int> PostApprovedCommentsAsync(BenchApp app, string pageId, int count, CancellationToken cancellationToken)
    {
        var functions = app.FunctionFactory<CommentFunctions>();
        for (var i = 0; i < count; i++)
        {
            var body = HttpCalls.JsonBody(new
            {
                pageId,
                displayName = "Reader " + i,
                email = ViralOperations.Email("page", i),
                text = "A comment on the article everyone is reading today, number " + i + ".",
                consents = new object[]
                {
                    new { labelId = "comment-terms", version = 1, granted = true },
                    new { labelId = "public-display", version = 1, granted = true },
                },
            });
            var request = HttpCalls.PostJson("/api/comments", body, HttpCalls.ClientAddress(i), Guid.NewGuid().ToString("N"));
            var answer = new MemoryStream();
            request.HttpContext.Response.Body = answer;
            var status = await functions().SubmitAsync(request, cancellationToken).ExecuteAsync(request);
            var id = status == 201 ? System.Text.Json.JsonDocument.Parse(answer.ToArray()).RootElement.GetProperty("id").GetString()! : throw new InvalidOperationException($"A comment answered {status}.");
            var approve = HttpCalls.Post($"/api/manage/comments/{id}/approve", string.Empty);
            var approved = await functions().ApproveAsync(approve, id, cancellationToken).ExecuteAsync(approve);
            if (approved != 200)
            {
                throw new InvalidOperationException($"Approving a comment answered {approved}.");
            }
        }

        return count;
    }

    /// <summary>How many comments the page's public listing shows (its first page).</summary>
    public static async Task<int> ListedCommentsAsync(BenchApp app, string pageId, CancellationToken cancellationToken)
    {
        var functions = app.FunctionFactory<CommentFunctions>();
        var listing = await ViralOperations.JsonAsync(request => functions().ListForPageAsync(request, pageId, cancellationToken), HttpCalls.Get($"/api/pages/{pageId}/comments"));
        return listing.GetProperty("comments").GetArrayLength();
    }
}
