using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>
/// A loopback table endpoint that answers every request as Azure Table Storage answers a query whose continuation it
/// cannot use: 400 with error code InvalidInput. Azurite does not check continuation tokens, so this stands in for
/// the real service. Its connection string has Azurite's shape, so the app's clients talk to it unchanged.
/// </summary>
public sealed class InvalidInputStorage : IDisposable
{
    private const string Body = """{"odata.error":{"code":"InvalidInput","message":{"lang":"en-US","value":"One of the request inputs is not valid."}}}""";

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();

    public InvalidInputStorage(string azuriteConnectionString, int azuriteTablePort)
    {
        ArgumentNullException.ThrowIfNull(azuriteConnectionString);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        ConnectionString = azuriteConnectionString.Replace($":{azuriteTablePort}/", $":{port}/", StringComparison.Ordinal);
        _ = AcceptAsync();
    }

    public string ConnectionString { get; }

    /// <summary>The request line of every request received (method, path and query).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                await AnswerAsync(client.GetStream());
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
            // Stopped, or the client went away.
        }
    }

    /// <summary>Reads one request's head (queries carry no body) and answers 400 InvalidInput, closing the connection.</summary>
    private async Task AnswerAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, stop.Token);
            if (read == 0)
            {
                return;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        Requests.Enqueue(head.ToString().Split("\r\n")[0]);
        var body = Encoding.UTF8.GetBytes(Body);
        var response = "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json;odata=minimalmetadata;streaming=true;charset=utf-8\r\n" +
            $"x-ms-error-code: InvalidInput\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response), stop.Token);
        await stream.WriteAsync(body, stop.Token);
    }
}
