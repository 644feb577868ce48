using Spectre.Console;

namespace Submissions.Cli.Tests.Infrastructure;

/// <summary>
/// Runs `submissions-admin` in-process through its System.CommandLine root, with stdout and stderr captured by
/// Spectre consoles writing to strings (no colours, not interactive, wide enough that ids are never wrapped).
/// </summary>
internal static class CliRunner
{
    public static async Task<CliResult> RunAsync(
        string[] args, Func<CliEnvironment, CliEnvironment>? configure = null, IReadOnlyDictionary<string, string>? variables = null, bool interactive = false)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(Console(output, interactive), Console(error, interactive: false), name => variables?.GetValueOrDefault(name))
        {
            JobPollInterval = TimeSpan.FromMilliseconds(200),
        };
        var exitCode = await CliApp.RunAsync(args, configure?.Invoke(environment) ?? environment, TestContext.Current.CancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Interactive: a terminal that draws Spectre's live progress bar (ANSI cursor movements, no colours).</summary>
    private static IAnsiConsole Console(StringWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 400;
        return console;
    }
}
