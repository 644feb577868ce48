using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

[assembly: AssemblyFixture(typeof(Submissions.Functions.Tests.Infrastructure.AzuriteFixture))]

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>
/// One real Azurite (npm 'azurite', pinned in package.json) for the whole test assembly: in-memory, on free loopback
/// ports, with telemetry off. Tests isolate themselves by table prefix, so they run in parallel. Azurite ignores
/// SIGTERM, so it is stopped with a kill of the process we started, by its PID.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly StringBuilder output = new();
    private Process? process;

    public string ConnectionString { get; private set; } = string.Empty;

    public int TablePort { get; private set; }

    /// <summary>This Azurite's connection string with the table endpoint moved to a loopback port nobody listens on.</summary>
    public string RefusingConnectionString() =>
        ConnectionString.Replace($":{TablePort}/", $":{FreePort()}/", StringComparison.Ordinal);

    public async ValueTask InitializeAsync()
    {
        var script = Path.Combine(RepositoryPaths.Root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed: run 'npm ci' in the repository root (looked for {script}).");
        }

        // A port picked as free can be taken before Azurite binds it; try a few sets.
        for (var attempt = 1; ; attempt++)
        {
            var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
            process = Start(script, blob, queue, table);
            if (await WaitUntilListeningAsync(process, [blob, queue, table]))
            {
                TablePort = table;
                ConnectionString =
                    $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
                    $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;" +
                    $"QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
                    $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
                return;
            }

            Stop();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"Azurite did not start. Its output:\n{output}");
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private Process Start(string script, int blob, int queue, int table)
    {
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in new[]
        {
            script, "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent",
            "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", table.ToString(CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(argument);
        }

        var started = Process.Start(info) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        started.OutputDataReceived += (_, e) => Append(e.Data);
        started.ErrorDataReceived += (_, e) => Append(e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        return started;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static async Task<bool> WaitUntilListeningAsync(Process azurite, int[] ports)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (azurite.HasExited)
            {
                return false;
            }

            if (await AllListeningAsync(ports))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static async Task<bool> AllListeningAsync(int[] ports)
    {
        foreach (var port in ports)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
            }
            catch (SocketException)
            {
                return false;
            }
        }

        return true;
    }

    private void Stop()
    {
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
        process = null;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
