using System.Diagnostics;
using System.Runtime.Versioning;

namespace Submissions.Infrastructure.Tests;

/// <summary>
/// Runs one of infra/scripts/*.sh as azd would, with stand-in commands (az, curl, sleep) first on PATH, so a hook's
/// behaviour is tested without Azure or the network.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class HookScript : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("azd-hook-").FullName;

    /// <summary>Every call of a stand-in that logs, one line each.</summary>
    public string CallLog => Path.Combine(Directory, "calls.log");

    public IReadOnlyList<string> Calls => File.Exists(CallLog) ? File.ReadAllLines(CallLog) : [];

    /// <summary>What the last run wrote to stderr: why it failed.</summary>
    public string Errors { get; private set; } = string.Empty;

    public void Stub(string command, string script)
    {
        var path = Path.Combine(Directory, command);
        File.WriteAllText(path, script.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public async Task<int> RunAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        // Retries wait for nothing.
        Stub("sleep", "#!/bin/sh\nexit 0\n");
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(BicepCli.InfraDirectory, "scripts", script));
        start.Environment["PATH"] = Directory + ":" + Environment.GetEnvironmentVariable("PATH");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        await Task.WhenAll(output, errors);
        Errors = await errors;
        return process.ExitCode;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
