namespace Submissions.Cli.Tests.Infrastructure;

/// <summary>One run of the CLI: its exit code, what it wrote to stdout and to stderr.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
