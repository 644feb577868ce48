using System.Net.Sockets;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>Storage that hangs rather than refuses: every connection is accepted and held, never answered.</summary>
public sealed class SilentStorage(string azuriteConnectionString, int azuriteTablePort)
    : LoopbackTableEndpoint(azuriteConnectionString, azuriteTablePort)
{
    private readonly List<TcpClient> held = [];

    protected override Task OnConnectionAsync(TcpClient client)
    {
        lock (held)
        {
            held.Add(client);
        }

        return Task.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        lock (held)
        {
            held.ForEach(client => client.Dispose());
        }
    }
}
