using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Submissions.Testing;

/// <summary>
/// A real Azurite (npm 'azurite', pinned in package.json), started by the tests and the benchmarks alike: on free
/// 127.0.0.1 ports, telemetry off; in memory, or on disk in a fresh folder of its own (no queue clean-up freeze, and
/// what was stored survives <see cref="StopAsync"/> + <see cref="RestartAsync"/>). Azurite ignores SIGTERM, so it is
/// stopped by killing the process started here, by its PID — never by name.
/// </summary>
internal sealed class AzuriteProcess : IDisposable
{
    // The well-known development account key: Azurite accepts only it; it guards nothing.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string SaveMarkers = "azuritesaves";

    private readonly StringBuilder output = new();
    private readonly string? location;
    private readonly string script;
    private Process? process;
    private int blobPort;
    private int queuePort;

    private AzuriteProcess(string script, string? location)
    {
        this.script = script;
        this.location = location;
    }

    /// <summary>
    /// Null while Azurite runs or after it was stopped here; otherwise its exit code and output — so a run whose shared
    /// Azurite died says why, instead of failing every later test with "connection refused".
    /// </summary>
    public string? UnexpectedExit => process is { HasExited: true } exited
        ? $"Azurite (PID {exited.Id}) exited on its own with code {exited.ExitCode}. Its output:\n{Output}"
        : null;

    /// <summary>The PID of the running Azurite, or null while it is stopped.</summary>
    public int? ProcessId => process is { HasExited: false } running ? running.Id : null;

    public string ConnectionString { get; private set; } = string.Empty;

    public int TablePort { get; private set; }

    /// <summary>The folder an on-disk Azurite keeps its files in (null in memory), for tests that watch what it saved.</summary>
    public string? DataFolder => location;

    private static string PackageFolder => Path.Combine(RepositoryPaths.Root, "node_modules", "azurite");

    /// <summary>The installed Azurite's version.</summary>
    public static string Version
    {
        get
        {
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(PackageFolder, "package.json")));
            return manifest.RootElement.GetProperty("version").GetString() ?? "unknown";
        }
    }

    /// <summary>Starts Azurite in memory (the default) or, with <paramref name="onDisk"/>, in a fresh temporary folder.</summary>
    public static async Task<AzuriteProcess> StartAsync(bool onDisk = false)
    {
        var script = Path.Combine(PackageFolder, "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed: run 'npm ci' in the repository root (looked for {script}).");
        }

        var location = onDisk ? Directory.CreateTempSubdirectory("azurite-").FullName : null;
        var azurite = new AzuriteProcess(script, location);

        // A port picked as free can be taken before Azurite binds it; try a few sets.
        for (var attempt = 1; ; attempt++)
        {
            (azurite.blobPort, azurite.queuePort, azurite.TablePort) = (FreePort(), FreePort(), FreePort());
            if (await azurite.StartOnPortsAsync())
            {
                azurite.ConnectionString =
                    $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
                    $"BlobEndpoint=http://127.0.0.1:{azurite.blobPort}/devstoreaccount1;" +
                    $"QueueEndpoint=http://127.0.0.1:{azurite.queuePort}/devstoreaccount1;" +
                    $"TableEndpoint=http://127.0.0.1:{azurite.TablePort}/devstoreaccount1;";
                return azurite;
            }

            azurite.Stop();
            if (attempt == 3)
            {
                var failure = new InvalidOperationException($"Azurite did not start. Its output:\n{azurite.Output}");
                azurite.Dispose();
                throw failure;
            }
        }
    }

    /// <summary>
    /// On disk Azurite saves only every 5 s (LokiJS autosave), so a kill loses what came after the last save. This waits
    /// until Azurite has saved everything written so far — on average half its autosave interval instead of all of
    /// it. It handles requests in order and saves whole snapshots, so a save that holds a marker written after them holds
    /// them too: a marker row (table file), a marker queue (queue file) and a message in it, whose append makes the index
    /// of message bodies (queue extent file) due for a save — one written after that append holds the earlier ones.
    /// </summary>
    public async Task WaitForSaveAsync()
    {
        var marker = "m" + Guid.NewGuid().ToString("N");
        var markers = new TableClient(ConnectionString, SaveMarkers);
        await markers.CreateIfNotExistsAsync();
        await markers.AddEntityAsync(new TableEntity("save", marker));
        var queue = new QueueClient(ConnectionString, marker);
        await queue.CreateAsync();
        var appendedAfter = DateTime.UtcNow;
        await queue.SendMessageAsync("saved");
        await Task.WhenAll(
            WaitForFileAsync("__azurite_db_table__.json", async file => (await File.ReadAllTextAsync(file)).Contains(marker, StringComparison.Ordinal)),
            WaitForFileAsync("__azurite_db_queue__.json", async file => (await File.ReadAllTextAsync(file)).Contains(marker, StringComparison.Ordinal)),
            WaitForFileAsync("__azurite_db_queue_extent__.json", file => Task.FromResult(File.GetLastWriteTimeUtc(file) > appendedAfter)));
    }

    private async Task WaitForFileAsync(string name, Func<string, Task<bool>> saved)
    {
        var file = Path.Combine(location ?? throw new InvalidOperationException("Azurite is in memory."), name);
        var clock = Stopwatch.StartNew();
        while (!(File.Exists(file) && await saved(file)))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"Azurite did not save {name} within 20 s.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Kills Azurite by its PID and waits until its ports refuse connections; the connection string stays valid.</summary>
    public async Task StopAsync()
    {
        Stop();
        var deadline = Stopwatch.StartNew();
        while (await AnyListeningAsync([blobPort, queuePort, TablePort]))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new InvalidOperationException("Azurite's ports still answer after it was killed.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Starts Azurite again on the same ports (and, on disk, the same folder, so stored data is back). A port taken by
    /// someone else meanwhile fails loudly rather than moving.
    /// </summary>
    public async Task RestartAsync()
    {
        Stop();
        if (!await StartOnPortsAsync())
        {
            throw new InvalidOperationException($"Azurite did not restart on its ports. Its output:\n{Output}");
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Stop();
        if (location is not null)
        {
            try
            {
                Directory.Delete(location, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is harmless.
            }
        }
    }

    private async Task<bool> StartOnPortsAsync()
    {
        process = Start();
        return await WaitUntilListeningAsync(process, [blobPort, queuePort, TablePort]);
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

    private string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    private Process Start()
    {
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        // --inMemoryPersistence and --location exclude each other (Azurite exits at start with both).
        string[] persistence = location is null ? ["--inMemoryPersistence"] : ["--location", location];
        foreach (var argument in new[]
        {
            script, "--skipApiVersionCheck", "--disableTelemetry", "--silent",
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(CultureInfo.InvariantCulture),
        }.Concat(persistence))
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
                // Another process may hold one of the ports (picked free, taken meanwhile): then Azurite exits soon after
                // the others answer, and this start must count as failed rather than hand out someone else's port.
                await Task.Delay(300);
                return !azurite.HasExited;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static async Task<bool> AnyListeningAsync(int[] ports)
    {
        foreach (var port in ports)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                // Refused: this one is down.
            }
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
}
