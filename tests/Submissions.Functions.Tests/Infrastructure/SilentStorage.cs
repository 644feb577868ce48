using System.Net;
using System.Net.Sockets;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>
/// A loopback listener that accepts connections and never answers: storage that hangs rather than refuses. Its
/// connection string has Azurite's shape, so the app's clients talk to it unchanged.
/// </summary>
public sealed class SilentStorage : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> held = [];
    private readonly CancellationTokenSource stop = new();

    public SilentStorage(string azuriteConnectionString, int azuriteTablePort)
    {
        ArgumentNullException.ThrowIfNull(azuriteConnectionString);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        ConnectionString = azuriteConnectionString.Replace($":{azuriteTablePort}/", $":{port}/", StringComparison.Ordinal);
        _ = AcceptAsync();
    }

    public string ConnectionString { get; }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        lock (held)
        {
            held.ForEach(client => client.Dispose());
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                lock (held)
                {
                    held.Add(client);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
