using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Submissions.Benchmarks.Hosting;

/// <summary>
/// One Azurite (npm 'azurite', pinned in package.json) for the whole run: in-memory, on free 127.0.0.1 ports, telemetry
/// off — the same way the test fixture starts it. Azurite ignores SIGTERM, so it is stopped by killing the process this
/// harness started, by its PID, never by name.
/// </summary>
internal sealed class Azurite : IAsyncDisposable
{
    // The well-known development account key: Azurite accepts only it; it guards nothing.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process process;

    private Azurite(Process process, string connectionString)
    {
        this.process = process;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    /// <summary>The installed Azurite's version, for the report's environment line.</summary>
    public static string Version
    {
        get
        {
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(PackageFolder, "package.json")));
            return manifest.RootElement.GetProperty("version").GetString() ?? "unknown";
        }
    }

    private static string PackageFolder => Path.Combine(RepositoryPaths.Root, "node_modules", "azurite");

    public static async Task<Azurite> StartAsync()
    {
        var script = Path.Combine(PackageFolder, "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed: run 'npm ci' in the repository root (looked for {script}).");
        }

        // A port picked as free can be taken before Azurite binds it; try a few sets.
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
            var started = Start(script, blob, queue, table);
            if (await WaitUntilListeningAsync(started, [blob, queue, table]))
            {
                return new Azurite(started, ConnectionStringFor(blob, queue, table));
            }

            Stop(started);
        }

        throw new InvalidOperationException("Azurite did not start on free loopback ports after 3 attempts.");
    }

    public ValueTask DisposeAsync()
    {
        Stop(process);
        return ValueTask.CompletedTask;
    }

    private static string ConnectionStringFor(int blob, int queue, int table) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";

    private static Process Start(string script, int blob, int queue, int table)
    {
        var info = new ProcessStartInfo("node")
        {
            // Silent Azurite prints nothing worth keeping; not redirecting would mix it into the progress output.
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in new[]
        {
            script, "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent",
            "--blobHost", "127.0.0.1", "--blobPort", Port(blob),
            "--queueHost", "127.0.0.1", "--queuePort", Port(queue),
            "--tableHost", "127.0.0.1", "--tablePort", Port(table),
        })
        {
            info.ArgumentList.Add(argument);
        }

        var started = Process.Start(info) ?? throw new InvalidOperationException("Could not start node for Azurite.");

        // Drained so a full pipe can never block the emulator.
        started.OutputDataReceived += (_, _) => { };
        started.ErrorDataReceived += (_, _) => { };
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        return started;
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static async Task<bool> WaitUntilListeningAsync(Process azurite, int[] ports)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
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

    private static void Stop(Process started)
    {
        try
        {
            if (!started.HasExited)
            {
                started.Kill(entireProcessTree: true);
                started.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        started.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
