using System.Diagnostics;
using Submissions.Testing;

namespace Submissions.Site.Tests;

/// <summary>
/// Runs `node` with the repository root as working directory (the npm tools in node_modules, as `npm ci` installed
/// them) and waits for it; a run that outlives its time is killed by its PID, with its children.
/// </summary>
internal static class NodeCommand
{
    public static async Task<NodeRun> RunAsync(IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Plain output: no colours to strip from failure messages.
        start.Environment["NO_COLOR"] = "1";
        start.Environment["FORCE_COLOR"] = "0";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds} s.");
        }

        return new NodeRun(process.ExitCode, await output, await errors);
    }

    /// <summary>A path under the repository root, from its parts.</summary>
    public static string InRepository(params string[] parts) => Path.Combine([RepositoryPaths.Root, .. parts]);
}
