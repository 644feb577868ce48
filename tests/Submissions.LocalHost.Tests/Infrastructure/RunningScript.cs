using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Submissions.LocalHost.Tests;

/// <summary>A script started by a test: its output collected as it comes, stopped by its PID (SIGTERM, as Ctrl-C would).</summary>
internal sealed class RunningScript : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    public RunningScript(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public int? ExitCode => process.HasExited ? process.ExitCode : null;

    public async Task WaitForOutputAsync(Regex pattern, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!pattern.IsMatch(Output))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The script exited with {process.ExitCode} before printing /{pattern}/:\n{Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"/{pattern}/ did not appear within {within.TotalSeconds} s:\n{Output}");
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>SIGTERM to the script (its trap stops what it started, by PID); anything left after 30 s is killed.</summary>
    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            using var signal = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await signal.WaitForExitAsync(CancellationToken.None);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The run command did not stop within 30 s of SIGTERM:\n" + Output);
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
