using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Submissions.Cli.Output;

namespace Submissions.Cli.Commands;

/// <summary>`comments queue|approve|reject`: the moderation queue and decisions.</summary>
internal static class CommentsCommands
{
    private static readonly string[] QueueColumns = ["id", "pageId", "createdAt", "status", "displayName", "showName", "text"];

    public static Command Create(CommandRunner runner) =>
        new("comments", "Comment moderation.")
        {
            Queue(runner),
            Decide(runner, "approve", "Approve a comment: it becomes public on its page."),
            Decide(runner, "reject", "Reject a comment."),
        };

    private static Command Queue(CommandRunner runner)
    {
        var status = new Option<string>("--status") { Description = "Which comments.", DefaultValueFactory = _ => "pending" };
        status.AcceptOnlyFromAmong("pending", "approved", "rejected");
        var command = new Command("queue", "The moderation queue (every page of it), never an email.") { status };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var path = $"manage/comments?status={context.Parse.GetValue(status)}&pageSize=100";
            var comments = await context.Api.GetAllPagesAsync(path, "comments", cancellationToken).ToListAsync(cancellationToken);
            return context.Show(JsonSerializer.SerializeToElement(comments), _ => QueueTable(comments));
        });
        return command;
    }

    private static Command Decide(CommandRunner runner, string decision, string description)
    {
        var id = new Argument<string>("comment-id") { Description = "The comment's id, from the queue." };
        var command = new Command(decision, description) { id };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var path = $"manage/comments/{Uri.EscapeDataString(context.Parse.GetValue(id)!)}/{decision}";
            var moderated = await context.Api.PostAsync(path, null, cancellationToken);
            return context.Show(moderated, ScalarTable.OfObject);
        });
        return command;
    }

    private static Table QueueTable(List<JsonElement> comments) => ScalarTable.Of(comments, QueueColumns, $"{comments.Count} comment(s)");
}
