using System.Net;
using System.Net.Sockets;

namespace Submissions.Application.Deliveries;

/// <summary>Raised when a webhook would connect to an address the guard refuses; never retried.</summary>
public sealed class DestinationNotAllowedException(string message) : Exception(message);

/// <summary>
/// Checks the address a webhook connection is actually about to use — after DNS resolution, so a name that resolves to
/// a private address (or is rebound to one) is refused at connect time, not only when the URL was saved.
/// </summary>
public static class DestinationGuard
{
    private static readonly byte[] Nat64Prefix = [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly byte[] DiscardPrefix = [0x01, 0x00, 0, 0, 0, 0, 0, 0];

    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var v6 = address.GetAddressBytes();
            if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal
                || v6.AsSpan(0, 8).SequenceEqual(DiscardPrefix))
            {
                return false;
            }

            // Addresses that carry an IPv4 address inside them are judged by that address:
            // NAT64 64:ff9b::/96, 6to4 2002::/16, IPv4-compatible ::/96.
            if (v6.AsSpan(0, 12).SequenceEqual(Nat64Prefix) || v6.AsSpan(0, 12).SequenceEqual(new byte[12]))
            {
                return IsPublic(new IPAddress(v6.AsSpan(12, 4)));
            }

            return v6[0] != 0x20 || v6[1] != 0x02 || IsPublic(new IPAddress(v6.AsSpan(2, 4)));
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 10
            || (b[0] == 172 && b[1] is >= 16 and <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] is >= 64 and <= 127)
            || (b[0] == 198 && b[1] is 18 or 19)
            || (b[0] == 192 && b[1] == 0 && b[2] == 0)
            || b[0] == 0
            || b[0] >= 224);
    }

    /// <summary>A SocketsHttpHandler ConnectCallback that resolves the host and connects only to public addresses.</summary>
    public static async ValueTask<Stream> ConnectPublicOnlyAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(IsPublic).ToArray();
        if (allowed.Length == 0 || allowed.Length != addresses.Length)
        {
            throw new DestinationNotAllowedException("The webhook host resolves to a private, loopback or link-local address.");
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
