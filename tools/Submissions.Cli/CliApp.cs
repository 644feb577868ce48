using System.CommandLine;
using Spectre.Console;
using Submissions.Cli.Commands;

namespace Submissions.Cli;

/// <summary>The command tree of `submissions-admin` and its entry point (tests call <see cref="RunAsync"/> in-process).</summary>
internal static class CliApp
{
    public static RootCommand BuildRoot(CliEnvironment environment)
    {
        var options = new GlobalOptions();
        var runner = new CommandRunner(options, environment);
        var root = new RootCommand("Admin command line for the Submissions backend: exports, data-subject requests, moderation, deliveries, partners, configuration and statistics.")
        {
            ExportCommand.Create(runner),
            SubjectsCommands.Create(runner),
            CommentsCommands.Create(runner),
            DeliveriesCommands.Create(runner),
            PartnersCommands.Create(runner),
            ConfigCommands.Create(runner),
            StatsCommand.Create(runner),
        };
        foreach (var option in options.All)
        {
            root.Add(option);
        }

        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var parse = BuildRoot(environment).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                environment.Error.WriteLine(error.Message);
            }

            environment.Error.WriteLine("Run 'submissions-admin --help' (or '<command> --help') for usage.");
            return ExitCodes.InvalidInput;
        }

        // The runner reports every failure in a line; System.CommandLine's handler would print a stack trace.
        var invocation = new InvocationConfiguration
        {
            Output = environment.Out.Profile.Out.Writer,
            Error = environment.Error.Profile.Out.Writer,
            EnableDefaultExceptionHandler = false,
        };
        return await parse.InvokeAsync(invocation, cancellationToken);
    }
}
