using System.Text.Json;
using Submissions.Cli.Tests.Infrastructure;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Cli.Tests.Commands;

/// <summary>`comments queue|approve|reject` against comments posted through the public form.</summary>
public sealed class CommentsCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_queue_lists_a_posted_comment_and_approve_makes_it_public()
    {
        await using var host = await CliHost.StartAsync(azurite);
        var pageId = "page-" + Guid.NewGuid().ToString("N")[..12];
        await PostCommentAsync(host, pageId, "A comment awaiting moderation.");
        await PostCommentAsync(host, pageId, "A comment to reject.");

        var queue = await host.RunAsync("comments", "queue");
        Assert.True(queue.ExitCode == 0, queue.ToString());
        Assert.Contains("A comment awaiting moderation.", queue.Out, StringComparison.Ordinal);
        Assert.Contains("2 comment(s)", queue.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.test", queue.Out, StringComparison.Ordinal);

        var comments = (await host.RunJsonAsync("comments", "queue")).EnumerateArray().ToList();
        var keep = comments.Single(comment => comment.GetProperty("text").GetString() == "A comment awaiting moderation.").GetProperty("id").GetString()!;
        var drop = comments.Single(comment => comment.GetProperty("text").GetString() == "A comment to reject.").GetProperty("id").GetString()!;

        var approve = await host.RunAsync("comments", "approve", keep);
        var reject = await host.RunAsync("comments", "reject", drop);
        Assert.True(approve.ExitCode == 0, approve.ToString());
        Assert.Contains("approved", approve.Out, StringComparison.Ordinal);
        Assert.True(reject.ExitCode == 0, reject.ToString());

        var published = await Eventually.GetAsync(
            async () =>
            {
                var text = await host.Client.GetStringAsync($"api/pages/{pageId}/comments", TestContext.Current.CancellationToken);
                return text.Contains("A comment awaiting moderation.", StringComparison.Ordinal) ? text : null;
            },
            "the approved comment on its page");
        Assert.DoesNotContain("A comment to reject.", published, StringComparison.Ordinal);
        Assert.Empty((await host.RunJsonAsync("comments", "queue")).EnumerateArray());
    }

    [Fact]
    public async Task Approving_an_unknown_comment_is_not_found_with_exit_code_4()
    {
        await using var host = await CliHost.StartAsync(azurite);

        var result = await host.RunAsync("comments", "approve", "bm90LWEtY29tbWVudA");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("Error 404", result.Error, StringComparison.Ordinal);
    }

    private static async Task PostCommentAsync(CliHost host, string pageId, string text)
    {
        var answer = await host.PostPublicAsync("api/comments", new
        {
            pageId,
            displayName = "Commenter Name",
            email = CliHost.NewEmail(),
            text,
            consents = new object[]
            {
                new { labelId = "comment-terms", version = 1, granted = true },
                new { labelId = "public-display", version = 1, granted = true },
            },
        });
        Assert.Equal(JsonValueKind.Object, answer.ValueKind);
    }
}
