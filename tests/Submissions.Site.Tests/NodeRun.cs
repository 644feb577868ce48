namespace Submissions.Site.Tests;

/// <summary>How a Node.js command ended: its exit code and everything it wrote.</summary>
internal sealed record NodeRun(int ExitCode, string Output, string Errors)
{
    public override string ToString() => $"exit code {ExitCode}\n{Output}\n{Errors}";
}
