using System.Diagnostics;
using System.Text;

namespace Submissions.Site.Tests;

/// <summary>
/// samples/site/serve.mjs, started by a test on a free loopback port (`--port 0`): its first line on stdout says where it
/// listens. Stopped by the PID it was started with, never by name.
/// </summary>
internal sealed class SiteServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder errors = new();

    private SiteServer(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    /// <summary>The site's root, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public string Errors
    {
        get
        {
            lock (errors)
            {
                return errors.ToString();
            }
        }
    }

    public static async Task<SiteServer> StartAsync(string apiBase, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = NodeCommand.InRepository(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { NodeCommand.InRepository("samples", "site", "serve.mjs"), "--port", "0", "--api", apiBase })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for serve.mjs.");
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(30));
            var first = await process.StandardOutput.ReadLineAsync(deadline.Token)
                ?? throw new InvalidOperationException($"serve.mjs exited before printing its address: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
            const string prefix = "Site: ";
            Assert.StartsWith(prefix, first, StringComparison.Ordinal);
            var server = new SiteServer(process, new Uri(first[prefix.Length..], UriKind.Absolute));
            server.DrainOutput();
            return server;
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Sends SIGTERM to the server's PID (what Ctrl-C's sibling, a supervisor's stop, does) and waits for its exit.</summary>
    public async Task TerminateAsync(CancellationToken cancellationToken)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not run kill.");
        await kill.WaitForExitAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(deadline.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    /// <summary>Keeps reading both streams so a chatty server never blocks on a full pipe; stderr is kept for messages.</summary>
    private void DrainOutput()
    {
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is not null)
            {
            }
        });
        _ = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (errors)
                {
                    errors.AppendLine(line);
                }
            }
        });
    }
}
