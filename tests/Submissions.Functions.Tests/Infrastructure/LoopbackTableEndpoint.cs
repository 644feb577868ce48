using System.Net;
using System.Net.Sockets;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>
/// A loopback listener standing in for the table endpoint, for storage behaviour Azurite cannot show (hanging, or
/// answering as Azure does). Its connection string is Azurite's with the table port moved here, so the app's clients
/// talk to it unchanged; each accepted connection goes to <see cref="OnConnectionAsync"/>.
/// </summary>
public abstract class LoopbackTableEndpoint : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);

    protected LoopbackTableEndpoint(string azuriteConnectionString, int azuriteTablePort)
    {
        ArgumentNullException.ThrowIfNull(azuriteConnectionString);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        ConnectionString = azuriteConnectionString.Replace($":{azuriteTablePort}/", $":{port}/", StringComparison.Ordinal);
        _ = AcceptAsync();
    }

    public string ConnectionString { get; }

    protected CancellationTokenSource Stop { get; } = new();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Handles one connection; it is disposed afterwards unless the handler keeps it.</summary>
    protected abstract Task OnConnectionAsync(TcpClient client);

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Stop.Cancel();
            listener.Stop();
            Stop.Dispose();
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!Stop.IsCancellationRequested)
            {
                await OnConnectionAsync(await listener.AcceptTcpClientAsync(Stop.Token));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
            // Stopped, or the client went away.
        }
    }
}
