using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Submissions.Testing;

/// <summary>
/// A real Azurite (npm 'azurite', pinned in package.json), started by the tests and the benchmarks alike: in-memory, on
/// free 127.0.0.1 ports, telemetry off. Azurite ignores SIGTERM, so it is stopped by killing the process started here,
/// by its PID — never by name.
/// </summary>
internal sealed class AzuriteProcess : IDisposable
{
    // The well-known development account key: Azurite accepts only it; it guards nothing.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly StringBuilder output = new();
    private Process? process;

    private AzuriteProcess()
    {
    }

    public string ConnectionString { get; private set; } = string.Empty;

    public int TablePort { get; private set; }

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

    public static async Task<AzuriteProcess> StartAsync()
    {
        var script = Path.Combine(PackageFolder, "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed: run 'npm ci' in the repository root (looked for {script}).");
        }

        var azurite = new AzuriteProcess();

        // A port picked as free can be taken before Azurite binds it; try a few sets.
        for (var attempt = 1; ; attempt++)
        {
            var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
            azurite.process = azurite.Start(script, blob, queue, table);
            if (await WaitUntilListeningAsync(azurite.process, [blob, queue, table]))
            {
                azurite.TablePort = table;
                azurite.ConnectionString =
                    $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
                    $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;" +
                    $"QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
                    $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
                return azurite;
            }

            azurite.Dispose();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"Azurite did not start. Its output:\n{azurite.Output}");
            }
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
}
