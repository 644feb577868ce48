using System.Diagnostics;
using Submissions.Testing;

namespace Submissions.Cli.Tests;

/// <summary>The tool as an admin installs it: packed, installed from the local package with `dotnet tool install`, started.</summary>
public sealed class PackageTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public async Task The_packed_tool_installs_from_a_local_folder_and_shows_its_help()
    {
        var folder = Directory.CreateTempSubdirectory("cli-pack-").FullName;

        // A version of its own, so the install cannot be served an earlier run's package from NuGet's HTTP cache.
        var version = $"1.0.0-test{DateTime.UtcNow:yyyyMMddHHmmss}{Random.Shared.Next(1000):D3}";
        try
        {
            var project = Path.Combine(RepositoryPaths.Root, "tools", "Submissions.Cli", "Submissions.Cli.csproj");
            var feed = Path.Combine(folder, "feed");
            var tools = Path.Combine(folder, "tools");

            await RunAsync("dotnet", ["pack", project, "-c", Configuration, "--no-build", "-o", feed, $"-p:PackageVersion={version}"]);
            Assert.True(File.Exists(Path.Combine(feed, $"Submissions.Cli.{version}.nupkg")));
            await RunAsync("dotnet", ["tool", "install", "Submissions.Cli", "--version", version, "--tool-path", tools, "--add-source", feed, "--ignore-failed-sources"]);
            var help = await RunAsync(Path.Combine(tools, "submissions-admin"), ["--help"]);

            Assert.Contains("Usage:", help, StringComparison.Ordinal);
            Assert.Contains("submissions-admin [command] [options]", help, StringComparison.Ordinal);
            Assert.Contains("export", help, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> RunAsync(string fileName, string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"{fileName} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{await output}\n{await error}");
        return await output;
    }
}
