using System.Diagnostics;
using System.Reflection;
using Submissions.Testing;

namespace Submissions.Infrastructure.Tests;

/// <summary>The Bicep CLI restored from NuGet with this project (Azure.Bicep.CommandLine.linux-x64), run in infra/.</summary>
internal static class BicepCli
{
    /// <summary>Subscription, tenant and location the snapshots are taken for; infra/snapshot/update.sh uses the same.</summary>
    public static readonly string[] SnapshotScope =
    [
        "--subscription-id", "00000000-0000-0000-0000-000000000001",
        "--tenant-id", "00000000-0000-0000-0000-000000000002",
        "--location", "westeurope",
    ];

    public static string InfraDirectory { get; } = Path.Combine(RepositoryPaths.Root, "infra");

    private static string ExecutablePath { get; } = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "BicepPath").Value
        ?? throw new InvalidOperationException("The build did not record BicepPath: restore the Azure.Bicep.CommandLine.linux-x64 package.");

    public static async Task<BicepRun> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = InfraDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Plain text diagnostics, and no telemetry call leaves the machine.
        start.Environment["NO_COLOR"] = "1";
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        start.Environment["AZURE_BICEP_USAGE_TELEMETRY_OPT_OUT"] = "true";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + ExecutablePath);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new BicepRun(process.ExitCode, await output, await errors);
    }
}

internal sealed record BicepRun(int ExitCode, string Output, string Errors)
{
    public override string ToString() => $"exit code {ExitCode}\n{Output}\n{Errors}";
}
