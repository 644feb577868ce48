namespace Submissions.Domain.Network;

/// <summary>
/// Every entry of the IANA IPv4 and IPv6 Special-Purpose Address Registries (iana.org/assignments/iana-ipv4-special-registry
/// and iana-ipv6-special-registry, as of 2025), plus the few blocks outside them that no partner webhook may reach.
/// All are refused, also the few the registries mark "globally reachable" (anycast relays, AS112, AMT, the well-known
/// NAT64 prefix): no partner's webhook lives on protocol infrastructure, and 64:ff9b::/96 is judged by the IPv4 address
/// it embeds before this list is consulted. Data, not logic: a new registry entry is one line here and one test case.
/// </summary>
public static class SpecialPurposeAddresses
{
    public static IReadOnlyList<SpecialPurposeBlock> IPv4 { get; } =
    [
        SpecialPurposeBlock.Of("0.0.0.0/8", "This network", "RFC 791"),
        SpecialPurposeBlock.Of("0.0.0.0/32", "This host on this network", "RFC 1122"),
        SpecialPurposeBlock.Of("10.0.0.0/8", "Private-Use", "RFC 1918"),
        SpecialPurposeBlock.Of("100.64.0.0/10", "Shared Address Space", "RFC 6598"),
        SpecialPurposeBlock.Of("127.0.0.0/8", "Loopback", "RFC 1122"),
        SpecialPurposeBlock.Of("169.254.0.0/16", "Link Local", "RFC 3927"),
        SpecialPurposeBlock.Of("172.16.0.0/12", "Private-Use", "RFC 1918"),
        SpecialPurposeBlock.Of("192.0.0.0/24", "IETF Protocol Assignments", "RFC 6890"),
        SpecialPurposeBlock.Of("192.0.0.0/29", "IPv4 Service Continuity Prefix", "RFC 7335"),
        SpecialPurposeBlock.Of("192.0.0.8/32", "IPv4 dummy address", "RFC 7600"),
        SpecialPurposeBlock.Of("192.0.0.9/32", "Port Control Protocol Anycast", "RFC 7723"),
        SpecialPurposeBlock.Of("192.0.0.10/32", "Traversal Using Relays around NAT Anycast", "RFC 8155"),
        SpecialPurposeBlock.Of("192.0.0.170/32", "NAT64/DNS64 Discovery", "RFC 8880, RFC 7050"),
        SpecialPurposeBlock.Of("192.0.0.171/32", "NAT64/DNS64 Discovery", "RFC 8880, RFC 7050"),
        SpecialPurposeBlock.Of("192.0.2.0/24", "Documentation (TEST-NET-1)", "RFC 5737"),
        SpecialPurposeBlock.Of("192.31.196.0/24", "AS112-v4", "RFC 7535"),
        SpecialPurposeBlock.Of("192.52.193.0/24", "AMT", "RFC 7450"),
        SpecialPurposeBlock.Of("192.88.99.0/24", "Deprecated (6to4 Relay Anycast)", "RFC 7526"),
        SpecialPurposeBlock.Of("192.88.99.2/32", "6a44-relay anycast address", "RFC 6751"),
        SpecialPurposeBlock.Of("192.168.0.0/16", "Private-Use", "RFC 1918"),
        SpecialPurposeBlock.Of("192.175.48.0/24", "Direct Delegation AS112 Service", "RFC 7534"),
        SpecialPurposeBlock.Of("198.18.0.0/15", "Benchmarking", "RFC 2544"),
        SpecialPurposeBlock.Of("198.51.100.0/24", "Documentation (TEST-NET-2)", "RFC 5737"),
        SpecialPurposeBlock.Of("203.0.113.0/24", "Documentation (TEST-NET-3)", "RFC 5737"),
        SpecialPurposeBlock.Of("240.0.0.0/4", "Reserved", "RFC 1112"),
        SpecialPurposeBlock.Of("255.255.255.255/32", "Limited Broadcast", "RFC 8190, RFC 919"),
    ];

    public static IReadOnlyList<SpecialPurposeBlock> IPv6 { get; } =
    [
        SpecialPurposeBlock.Of("::1/128", "Loopback Address", "RFC 4291"),
        SpecialPurposeBlock.Of("::/128", "Unspecified Address", "RFC 4291"),
        SpecialPurposeBlock.Of("::ffff:0:0/96", "IPv4-mapped Address", "RFC 4291"),
        SpecialPurposeBlock.Of("64:ff9b::/96", "IPv4-IPv6 Translation", "RFC 6052"),
        SpecialPurposeBlock.Of("64:ff9b:1::/48", "IPv4-IPv6 Translation (local use)", "RFC 8215"),
        SpecialPurposeBlock.Of("100::/64", "Discard-Only Address Block", "RFC 6666"),
        SpecialPurposeBlock.Of("100:0:0:1::/64", "Dummy IPv6 Prefix", "RFC 9780"),
        SpecialPurposeBlock.Of("2001::/23", "IETF Protocol Assignments", "RFC 2928"),
        SpecialPurposeBlock.Of("2001::/32", "TEREDO", "RFC 4380, RFC 8190"),
        SpecialPurposeBlock.Of("2001:1::1/128", "Port Control Protocol Anycast", "RFC 7723"),
        SpecialPurposeBlock.Of("2001:1::2/128", "Traversal Using Relays around NAT Anycast", "RFC 8155"),
        SpecialPurposeBlock.Of("2001:1::3/128", "DNS-SD Service Registration Protocol Anycast", "RFC 9665"),
        SpecialPurposeBlock.Of("2001:2::/48", "Benchmarking", "RFC 5180"),
        SpecialPurposeBlock.Of("2001:3::/32", "AMT", "RFC 7450"),
        SpecialPurposeBlock.Of("2001:4:112::/48", "AS112-v6", "RFC 7535"),
        SpecialPurposeBlock.Of("2001:10::/28", "Deprecated (previously ORCHID)", "RFC 4843"),
        SpecialPurposeBlock.Of("2001:20::/28", "ORCHIDv2", "RFC 7343"),
        SpecialPurposeBlock.Of("2001:30::/28", "Drone Remote ID Protocol Entity Tags (DETs) Prefix", "RFC 9374"),
        SpecialPurposeBlock.Of("2001:db8::/32", "Documentation", "RFC 3849"),
        SpecialPurposeBlock.Of("2002::/16", "6to4", "RFC 3056"),
        SpecialPurposeBlock.Of("2620:4f:8000::/48", "Direct Delegation AS112 Service", "RFC 7534"),
        SpecialPurposeBlock.Of("3fff::/20", "Documentation", "RFC 9637"),
        SpecialPurposeBlock.Of("5f00::/16", "Segment Routing (SRv6) SIDs", "RFC 9602"),
        SpecialPurposeBlock.Of("fc00::/7", "Unique-Local", "RFC 4193, RFC 8190"),
        SpecialPurposeBlock.Of("fe80::/10", "Link-Local Unicast", "RFC 4291"),
    ];

    /// <summary>Refused as well, though no special-purpose registry lists them.</summary>
    public static IReadOnlyList<SpecialPurposeBlock> Additional { get; } =
    [
        SpecialPurposeBlock.Of("224.0.0.0/4", "Multicast", "IANA IPv4 Address Space, RFC 5771"),
        SpecialPurposeBlock.Of("168.63.129.16/32", "Azure platform (wire server, DNS, health probes)", "learn.microsoft.com/azure/virtual-network/what-is-ip-address-168-63-129-16"),
        SpecialPurposeBlock.Of("169.254.169.254/32", "Azure Instance Metadata Service", "learn.microsoft.com/azure/virtual-machines/instance-metadata-service"),
        SpecialPurposeBlock.Of("fec0::/10", "Site-Local (deprecated)", "RFC 3879"),
        SpecialPurposeBlock.Of("ff00::/8", "Multicast", "RFC 4291"),
    ];

    /// <summary>IANA's global unicast space: every other IPv6 address is unallocated, reserved or special.</summary>
    public static SpecialPurposeBlock GlobalUnicast { get; } = SpecialPurposeBlock.Of("2000::/3", "Global Unicast", "IANA IPv6 Address Space, RFC 4291");

    /// <summary>Every refused block, either family.</summary>
    public static IReadOnlyList<SpecialPurposeBlock> All { get; } = [.. IPv4, .. IPv6, .. Additional];
}
