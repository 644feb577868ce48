using System.Net;
using System.Net.Sockets;

namespace Submissions.Domain.Network;

/// <summary>Whether an address may be the destination of a request to a partner: public, routable, nobody's infrastructure.</summary>
public static class PublicAddress
{
    private static readonly IPNetwork Nat64WellKnown = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork IPv4Compatible = IPNetwork.Parse("::/96");

    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);

        // An address that carries an IPv4 address is judged by it: a dual-stack socket connects to the mapped address
        // itself, and the well-known NAT64 prefix is translated to the embedded one by whatever translator is on the path.
        if (EmbeddedIPv4(address) is { } embedded)
        {
            return IsPublic(embedded);
        }

        if (SpecialPurposeAddresses.All.Any(block => block.Network.Contains(address)))
        {
            return false;
        }

        return address.AddressFamily == AddressFamily.InterNetwork
            || (address.AddressFamily == AddressFamily.InterNetworkV6 && SpecialPurposeAddresses.GlobalUnicast.Network.Contains(address));
    }

    /// <summary>The IPv4 address inside an IPv4-mapped (::ffff:0:0/96), IPv4-compatible (::/96) or NAT64 (64:ff9b::/96) address.</summary>
    public static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6 || Nat64WellKnown.Contains(address) || IPv4Compatible.Contains(address))
        {
            return new IPAddress(address.GetAddressBytes().AsSpan(12, 4));
        }

        return null;
    }
}
