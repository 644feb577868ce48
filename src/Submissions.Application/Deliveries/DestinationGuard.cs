using System.Net;
using System.Net.Sockets;
using Submissions.Domain.Network;

namespace Submissions.Application.Deliveries;

/// <summary>
/// Checks the address a webhook connection is actually about to use — after DNS resolution, so a name that resolves to
/// a private address (or is rebound to one) is refused at connect time, not only when the URL was saved.
/// </summary>
public static class DestinationGuard
{
    /// <summary>
    /// False for every block of the IANA special-purpose registries, the Azure platform's own addresses and IPv6 outside
    /// global unicast; an address embedding IPv4 is judged by that address (<see cref="PublicAddress"/>).
    /// </summary>
    public static bool IsPublic(IPAddress address) => PublicAddress.IsPublic(address);

    /// <summary>A SocketsHttpHandler ConnectCallback that resolves the host and connects only to public addresses.</summary>
    public static async ValueTask<Stream> ConnectPublicOnlyAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(IsPublic).ToArray();
        if (allowed.Length == 0 || allowed.Length != addresses.Length)
        {
            throw new DestinationNotAllowedException("The webhook host resolves to an address that is not public (special-purpose, private or platform).");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
