using System.CommandLine;
using Submissions.Cli.Output;

namespace Submissions.Cli.Commands;

/// <summary>`partners test|resume`: a signed test event, and closing a paused partner's circuit breaker.</summary>
internal static class PartnersCommands
{
    public static Command Create(CommandRunner runner) =>
        new("partners", "Partners that receive leads by webhook.")
        {
            Test(runner),
            Resume(runner),
        };

    private static Argument<string> PartnerId() => new("partner-id") { Description = "The partner's id." };

    private static Command Test(CommandRunner runner)
    {
        var id = PartnerId();
        var command = new Command("test", "Send the partner a signed webhook.test event and show its answer (exit 1 when it did not accept).") { id };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var result = await context.Api.PostAsync($"manage/partners/{Uri.EscapeDataString(context.Parse.GetValue(id)!)}/test", null, cancellationToken);
            context.Show(result, ScalarTable.OfObject);
            return result.GetProperty("accepted").GetBoolean() ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }

    private static Command Resume(CommandRunner runner)
    {
        var id = PartnerId();
        var command = new Command("resume", "Resume deliveries to a paused partner: everything owed to it is sent.") { id };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var result = await context.Api.PostAsync($"manage/partners/{Uri.EscapeDataString(context.Parse.GetValue(id)!)}/resume", null, cancellationToken);
            return context.Show(result, ScalarTable.OfObject);
        });
        return command;
    }
}
