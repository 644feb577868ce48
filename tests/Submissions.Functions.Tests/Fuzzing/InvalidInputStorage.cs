using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>
/// A table endpoint that answers every request as Azure Table Storage answers a query whose continuation it cannot
/// use: 400 with error code InvalidInput. Azurite does not check continuation tokens, so this stands in for the real
/// service.
/// </summary>
public sealed class InvalidInputStorage(string azuriteConnectionString, int azuriteTablePort)
    : LoopbackTableEndpoint(azuriteConnectionString, azuriteTablePort)
{
    private const string Body = """{"odata.error":{"code":"InvalidInput","message":{"lang":"en-US","value":"One of the request inputs is not valid."}}}""";

    /// <summary>The request line of every request received (method, path and query).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    protected override async Task OnConnectionAsync(TcpClient client)
    {
        using (client)
        {
            await AnswerAsync(client.GetStream());
        }
    }

    /// <summary>Reads one request's head (queries carry no body) and answers 400 InvalidInput, closing the connection.</summary>
    private async Task AnswerAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, Stop.Token);
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
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response), Stop.Token);
        await stream.WriteAsync(body, Stop.Token);
    }
}
