using Spectre.Console;

namespace Submissions.Cli.Output;

/// <summary>
/// Progress as plain lines where no live progress bar can be drawn (output redirected, CI logs): Spectre's fallback
/// prints only every second while a task runs, so a short export would otherwise show no progress at all.
/// </summary>
internal static class PlainProgress
{
    public static void Line(IAnsiConsole console, string text)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            console.WriteLine(text);
        }
    }
}
