using System.Net;
using System.Numerics;
using Submissions.Domain.Network;

namespace Submissions.Domain.Tests.Network;

/// <summary>
/// Every entry of the deny list, at its edges: the first and last address of each block are refused; the addresses just
/// outside are public unless another rule refuses them too (a wider block, or IPv6 outside 2000::/3). The edge addresses
/// were computed with Python's ipaddress module, not with the code under test.
/// </summary>
public sealed class PublicAddressTests
{
    /// <summary>The first and the last address of every block of <see cref="SpecialPurposeAddresses.All"/>.</summary>
    private static readonly string[] BlockEdges =
    [
        "0.0.0.0", // 0.0.0.0/8 This network
        "0.255.255.255", // 0.0.0.0/8 This network
        "10.0.0.0", // 10.0.0.0/8 Private-Use
        "10.255.255.255", // 10.0.0.0/8 Private-Use
        "100.64.0.0", // 100.64.0.0/10 Shared Address Space
        "100.127.255.255", // 100.64.0.0/10 Shared Address Space
        "127.0.0.0", // 127.0.0.0/8 Loopback
        "127.255.255.255", // 127.0.0.0/8 Loopback
        "169.254.0.0", // 169.254.0.0/16 Link Local
        "169.254.255.255", // 169.254.0.0/16 Link Local
        "172.16.0.0", // 172.16.0.0/12 Private-Use
        "172.31.255.255", // 172.16.0.0/12 Private-Use
        "192.0.0.0", // 192.0.0.0/24 IETF Protocol Assignments
        "192.0.0.255", // 192.0.0.0/24 IETF Protocol Assignments
        "192.0.0.7", // 192.0.0.0/29 IPv4 Service Continuity Prefix
        "192.0.0.8", // 192.0.0.8/32 IPv4 dummy address
        "192.0.0.9", // 192.0.0.9/32 Port Control Protocol Anycast
        "192.0.0.10", // 192.0.0.10/32 Traversal Using Relays around NAT Anycast
        "192.0.0.170", // 192.0.0.170/32 NAT64/DNS64 Discovery
        "192.0.0.171", // 192.0.0.171/32 NAT64/DNS64 Discovery
        "192.0.2.0", // 192.0.2.0/24 Documentation (TEST-NET-1)
        "192.0.2.255", // 192.0.2.0/24 Documentation (TEST-NET-1)
        "192.31.196.0", // 192.31.196.0/24 AS112-v4
        "192.31.196.255", // 192.31.196.0/24 AS112-v4
        "192.52.193.0", // 192.52.193.0/24 AMT
        "192.52.193.255", // 192.52.193.0/24 AMT
        "192.88.99.0", // 192.88.99.0/24 Deprecated (6to4 Relay Anycast)
        "192.88.99.255", // 192.88.99.0/24 Deprecated (6to4 Relay Anycast)
        "192.88.99.2", // 192.88.99.2/32 6a44-relay anycast address
        "192.168.0.0", // 192.168.0.0/16 Private-Use
        "192.168.255.255", // 192.168.0.0/16 Private-Use
        "192.175.48.0", // 192.175.48.0/24 Direct Delegation AS112 Service
        "192.175.48.255", // 192.175.48.0/24 Direct Delegation AS112 Service
        "198.18.0.0", // 198.18.0.0/15 Benchmarking
        "198.19.255.255", // 198.18.0.0/15 Benchmarking
        "198.51.100.0", // 198.51.100.0/24 Documentation (TEST-NET-2)
        "198.51.100.255", // 198.51.100.0/24 Documentation (TEST-NET-2)
        "203.0.113.0", // 203.0.113.0/24 Documentation (TEST-NET-3)
        "203.0.113.255", // 203.0.113.0/24 Documentation (TEST-NET-3)
        "240.0.0.0", // 240.0.0.0/4 Reserved
        "255.255.255.255", // 240.0.0.0/4 Reserved
        "::1", // ::1/128 Loopback Address
        "::", // ::/128 Unspecified Address
        "::ffff:0:0", // ::ffff:0:0/96 IPv4-mapped Address
        "::ffff:ffff:ffff", // ::ffff:0:0/96 IPv4-mapped Address
        "64:ff9b::", // 64:ff9b::/96 IPv4-IPv6 Translation
        "64:ff9b::ffff:ffff", // 64:ff9b::/96 IPv4-IPv6 Translation
        "64:ff9b:1::", // 64:ff9b:1::/48 IPv4-IPv6 Translation (local use)
        "64:ff9b:1:ffff:ffff:ffff:ffff:ffff", // 64:ff9b:1::/48 IPv4-IPv6 Translation (local use)
        "100::", // 100::/64 Discard-Only Address Block
        "100::ffff:ffff:ffff:ffff", // 100::/64 Discard-Only Address Block
        "100:0:0:1::", // 100:0:0:1::/64 Dummy IPv6 Prefix
        "100::1:ffff:ffff:ffff:ffff", // 100:0:0:1::/64 Dummy IPv6 Prefix
        "2001::", // 2001::/23 IETF Protocol Assignments
        "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", // 2001::/23 IETF Protocol Assignments
        "2001:0:ffff:ffff:ffff:ffff:ffff:ffff", // 2001::/32 TEREDO
        "2001:1::1", // 2001:1::1/128 Port Control Protocol Anycast
        "2001:1::2", // 2001:1::2/128 Traversal Using Relays around NAT Anycast
        "2001:1::3", // 2001:1::3/128 DNS-SD Service Registration Protocol Anycast
        "2001:2::", // 2001:2::/48 Benchmarking
        "2001:2:0:ffff:ffff:ffff:ffff:ffff", // 2001:2::/48 Benchmarking
        "2001:3::", // 2001:3::/32 AMT
        "2001:3:ffff:ffff:ffff:ffff:ffff:ffff", // 2001:3::/32 AMT
        "2001:4:112::", // 2001:4:112::/48 AS112-v6
        "2001:4:112:ffff:ffff:ffff:ffff:ffff", // 2001:4:112::/48 AS112-v6
        "2001:10::", // 2001:10::/28 Deprecated (previously ORCHID)
        "2001:1f:ffff:ffff:ffff:ffff:ffff:ffff", // 2001:10::/28 Deprecated (previously ORCHID)
        "2001:20::", // 2001:20::/28 ORCHIDv2
        "2001:2f:ffff:ffff:ffff:ffff:ffff:ffff", // 2001:20::/28 ORCHIDv2
        "2001:30::", // 2001:30::/28 Drone Remote ID Protocol Entity Tags (DETs) Prefix
        "2001:3f:ffff:ffff:ffff:ffff:ffff:ffff", // 2001:30::/28 Drone Remote ID Protocol Entity Tags (DETs) Prefix
        "2001:db8::", // 2001:db8::/32 Documentation
        "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", // 2001:db8::/32 Documentation
        "2002::", // 2002::/16 6to4
        "2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // 2002::/16 6to4
        "2620:4f:8000::", // 2620:4f:8000::/48 Direct Delegation AS112 Service
        "2620:4f:8000:ffff:ffff:ffff:ffff:ffff", // 2620:4f:8000::/48 Direct Delegation AS112 Service
        "3fff::", // 3fff::/20 Documentation
        "3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", // 3fff::/20 Documentation
        "5f00::", // 5f00::/16 Segment Routing (SRv6) SIDs
        "5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // 5f00::/16 Segment Routing (SRv6) SIDs
        "fc00::", // fc00::/7 Unique-Local
        "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // fc00::/7 Unique-Local
        "fe80::", // fe80::/10 Link-Local Unicast
        "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // fe80::/10 Link-Local Unicast
        "224.0.0.0", // 224.0.0.0/4 Multicast
        "239.255.255.255", // 224.0.0.0/4 Multicast
        "168.63.129.16", // 168.63.129.16/32 Azure platform (wire server, DNS, health probes)
        "169.254.169.254", // 169.254.169.254/32 Azure Instance Metadata Service
        "fec0::", // fec0::/10 Site-Local (deprecated)
        "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // fec0::/10 Site-Local (deprecated)
        "ff00::", // ff00::/8 Multicast
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // ff00::/8 Multicast
    ];

    /// <summary>Just outside a block, and public.</summary>
    private static readonly string[] PublicNeighbours =
    [
        "1.0.0.0", // just after 0.0.0.0/8
        "9.255.255.255", // just before 10.0.0.0/8
        "11.0.0.0", // just after 10.0.0.0/8
        "100.63.255.255", // just before 100.64.0.0/10
        "100.128.0.0", // just after 100.64.0.0/10
        "126.255.255.255", // just before 127.0.0.0/8
        "128.0.0.0", // just after 127.0.0.0/8
        "169.253.255.255", // just before 169.254.0.0/16
        "169.255.0.0", // just after 169.254.0.0/16
        "172.15.255.255", // just before 172.16.0.0/12
        "172.32.0.0", // just after 172.16.0.0/12
        "191.255.255.255", // just before 192.0.0.0/24
        "192.0.1.0", // just after 192.0.0.0/24
        "192.0.1.255", // just before 192.0.2.0/24
        "192.0.3.0", // just after 192.0.2.0/24
        "192.31.195.255", // just before 192.31.196.0/24
        "192.31.197.0", // just after 192.31.196.0/24
        "192.52.192.255", // just before 192.52.193.0/24
        "192.52.194.0", // just after 192.52.193.0/24
        "192.88.98.255", // just before 192.88.99.0/24
        "192.88.100.0", // just after 192.88.99.0/24
        "192.167.255.255", // just before 192.168.0.0/16
        "192.169.0.0", // just after 192.168.0.0/16
        "192.175.47.255", // just before 192.175.48.0/24
        "192.175.49.0", // just after 192.175.48.0/24
        "198.17.255.255", // just before 198.18.0.0/15
        "198.20.0.0", // just after 198.18.0.0/15
        "198.51.99.255", // just before 198.51.100.0/24
        "198.51.101.0", // just after 198.51.100.0/24
        "203.0.112.255", // just before 203.0.113.0/24
        "203.0.114.0", // just after 203.0.113.0/24
        "2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // just before 2001::/23
        "2001:200::", // just after 2001::/23
        "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", // just before 2001:db8::/32
        "2001:db9::", // just after 2001:db8::/32
        "2001:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // just before 2002::/16
        "2003::", // just after 2002::/16
        "2620:4f:7fff:ffff:ffff:ffff:ffff:ffff", // just before 2620:4f:8000::/48
        "2620:4f:8001::", // just after 2620:4f:8000::/48
        "3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // just before 3fff::/20
        "3fff:1000::", // just after 3fff::/20
        "223.255.255.255", // just before 224.0.0.0/4
        "168.63.129.15", // just before 168.63.129.16/32
        "168.63.129.17", // just after 168.63.129.16/32
    ];

    /// <summary>Just outside a block, but refused by another rule (named).</summary>
    private static readonly string[] RefusedNeighbours =
    [
        "0.0.0.1", // just after 0.0.0.0/32, in 0.0.0.0/8
        "192.0.0.8", // just after 192.0.0.0/29, in 192.0.0.0/24
        "192.0.0.7", // just before 192.0.0.8/32, in 192.0.0.0/24
        "192.0.0.9", // just after 192.0.0.8/32, in 192.0.0.0/24
        "192.0.0.10", // just after 192.0.0.9/32, in 192.0.0.0/24
        "192.0.0.11", // just after 192.0.0.10/32, in 192.0.0.0/24
        "192.0.0.169", // just before 192.0.0.170/32, in 192.0.0.0/24
        "192.0.0.171", // just after 192.0.0.170/32, in 192.0.0.0/24
        "192.0.0.170", // just before 192.0.0.171/32, in 192.0.0.0/24
        "192.0.0.172", // just after 192.0.0.171/32, in 192.0.0.0/24
        "192.88.99.1", // just before 192.88.99.2/32, in 192.88.99.0/24
        "192.88.99.3", // just after 192.88.99.2/32, in 192.88.99.0/24
        "239.255.255.255", // just before 240.0.0.0/4, in 224.0.0.0/4
        "255.255.255.254", // just before 255.255.255.255/32, in 240.0.0.0/4
        "::", // just before ::1/128, embeds 0.0.0.0
        "::2", // just after ::1/128, embeds 0.0.0.2
        "::1", // just after ::/128, embeds 0.0.0.1
        "::fffe:ffff:ffff", // just before ::ffff:0:0/96, outside 2000::/3
        "::1:0:0:0", // just after ::ffff:0:0/96, outside 2000::/3
        "64:ff9a:ffff:ffff:ffff:ffff:ffff:ffff", // just before 64:ff9b::/96, outside 2000::/3
        "64:ff9b::1:0:0", // just after 64:ff9b::/96, outside 2000::/3
        "64:ff9b:0:ffff:ffff:ffff:ffff:ffff", // just before 64:ff9b:1::/48, outside 2000::/3
        "64:ff9b:2::", // just after 64:ff9b:1::/48, outside 2000::/3
        "ff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // just before 100::/64, outside 2000::/3
        "100:0:0:1::", // just after 100::/64, in 100:0:0:1::/64
        "100::ffff:ffff:ffff:ffff", // just before 100:0:0:1::/64, in 100::/64
        "100:0:0:2::", // just after 100:0:0:1::/64, outside 2000::/3
        "2001:1::", // just after 2001::/32, in 2001::/23
        "2001:1::2", // just after 2001:1::1/128, in 2001::/23
        "2001:1::1", // just before 2001:1::2/128, in 2001::/23
        "2001:1::3", // just after 2001:1::2/128, in 2001::/23
        "2001:1::4", // just after 2001:1::3/128, in 2001::/23
        "2001:1:ffff:ffff:ffff:ffff:ffff:ffff", // just before 2001:2::/48, in 2001::/23
        "2001:2:1::", // just after 2001:2::/48, in 2001::/23
        "2001:2:ffff:ffff:ffff:ffff:ffff:ffff", // just before 2001:3::/32, in 2001::/23
        "2001:4::", // just after 2001:3::/32, in 2001::/23
        "2001:4:111:ffff:ffff:ffff:ffff:ffff", // just before 2001:4:112::/48, in 2001::/23
        "2001:4:113::", // just after 2001:4:112::/48, in 2001::/23
        "2001:f:ffff:ffff:ffff:ffff:ffff:ffff", // just before 2001:10::/28, in 2001::/23
        "2001:20::", // just after 2001:10::/28, in 2001::/23
        "2001:1f:ffff:ffff:ffff:ffff:ffff:ffff", // just before 2001:20::/28, in 2001::/23
        "2001:30::", // just after 2001:20::/28, in 2001::/23
        "2001:2f:ffff:ffff:ffff:ffff:ffff:ffff", // just before 2001:30::/28, in 2001::/23
        "2001:40::", // just after 2001:30::/28, in 2001::/23
        "5eff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // just before 5f00::/16, outside 2000::/3
        "5f01::", // just after 5f00::/16, outside 2000::/3
        "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // just before fc00::/7, outside 2000::/3
        "fe00::", // just after fc00::/7, outside 2000::/3
        "fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // just before fe80::/10, outside 2000::/3
        "fec0::", // just after fe80::/10, in fec0::/10
        "240.0.0.0", // just after 224.0.0.0/4, in 240.0.0.0/4
        "169.254.169.253", // just before 169.254.169.254/32, in 169.254.0.0/16
        "169.254.169.255", // just after 169.254.169.254/32, in 169.254.0.0/16
        "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // just before fec0::/10, in fe80::/10
        "ff00::", // just after fec0::/10, in ff00::/8
        "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // just before ff00::/8, in fec0::/10
    ];

    public static TheoryData<string> Edges() => [.. BlockEdges];

    public static TheoryData<string> Public() => [.. PublicNeighbours];

    public static TheoryData<string> RefusedOutside() => [.. RefusedNeighbours];

    [Theory]
    [MemberData(nameof(Edges))]
    public void The_edges_of_every_block_are_refused(string address) =>
        Assert.False(PublicAddress.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [MemberData(nameof(Public))]
    public void The_public_addresses_just_outside_a_block_are_allowed(string address) =>
        Assert.True(PublicAddress.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [MemberData(nameof(RefusedOutside))]
    public void Addresses_just_outside_a_block_that_another_rule_covers_are_refused(string address) =>
        Assert.False(PublicAddress.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void Every_block_of_the_deny_list_has_its_edges_tested()
    {
        var tested = BlockEdges.Select(IPAddress.Parse).ToHashSet();

        Assert.All(SpecialPurposeAddresses.All, block =>
        {
            Assert.Contains(block.Network.BaseAddress, tested);
            Assert.Contains(Last(block.Network), tested);
        });
    }

    [Fact]
    public void The_deny_list_is_the_IANA_special_purpose_registries()
    {
        // Typed from iana-ipv4-special-registry and iana-ipv6-special-registry: a registry change must be made here too.
        string[] registries =
        [
            "0.0.0.0/8", "0.0.0.0/32", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.0.0/29", "192.0.0.8/32", "192.0.0.9/32", "192.0.0.10/32", "192.0.0.170/32",
            "192.0.0.171/32", "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24", "192.88.99.2/32",
            "192.168.0.0/16", "192.175.48.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4",
            "255.255.255.255/32",
            "::1/128", "::/128", "::ffff:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "100:0:0:1::/64",
            "2001::/23", "2001::/32", "2001:1::1/128", "2001:1::2/128", "2001:1::3/128", "2001:2::/48", "2001:3::/32",
            "2001:4:112::/48", "2001:10::/28", "2001:20::/28", "2001:30::/28", "2001:db8::/32", "2002::/16",
            "2620:4f:8000::/48", "3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10",
        ];

        Assert.Equal(
            registries.Select(IPNetwork.Parse).Order(NetworkOrder.Instance),
            SpecialPurposeAddresses.IPv4.Concat(SpecialPurposeAddresses.IPv6).Select(block => block.Network).Order(NetworkOrder.Instance));
    }

    [Theory]
    [InlineData("168.63.129.16")] // Azure platform
    [InlineData("169.254.169.254")] // Azure Instance Metadata Service
    [InlineData("64:ff9b:1::a00:1")] // local-use NAT64
    [InlineData("64:ff9b:1::808:808")] // local-use NAT64 of a public address: a private translator
    [InlineData("::ffff:0:a00:1")] // IPv4-translated (SIIT) form of 10.0.0.1
    [InlineData("::ffff:0:808:808")] // IPv4-translated form of 8.8.8.8
    [InlineData("2001::1")] // Teredo
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")] // Teredo with a server and a client
    [InlineData("192.88.99.1")] // 6to4 relay anycast
    [InlineData("2002:808:808::1")] // 6to4, even of a public address
    [InlineData("::ffff:10.0.0.1")] // IPv4-mapped private
    [InlineData("::ffff:169.254.169.254")] // IPv4-mapped IMDS
    [InlineData("::ffff:168.63.129.16")] // IPv4-mapped Azure platform
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 of IMDS
    [InlineData("64:ff9b::a83f:8110")] // NAT64 of 168.63.129.16
    [InlineData("::a9fe:a9fe")] // IPv4-compatible IMDS
    [InlineData("::127.0.0.1")] // IPv4-compatible loopback
    [InlineData("fec0::1")] // site-local
    [InlineData("ff02::1")] // multicast
    [InlineData("224.0.0.1")] // multicast
    [InlineData("4000::1")] // unallocated IPv6
    public void The_addresses_the_review_found_public_and_their_kin_are_refused(string address) =>
        Assert.False(PublicAddress.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("20.50.2.1")]
    [InlineData("::ffff:8.8.8.8")] // IPv4-mapped: judged by the IPv4 address
    [InlineData("64:ff9b::808:808")] // well-known NAT64: judged by the IPv4 address
    [InlineData("::808:808")] // IPv4-compatible: judged by the IPv4 address
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a01:111:f100:3000::a83e:1b2c")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.True(PublicAddress.IsPublic(IPAddress.Parse(address)));

    private static IPAddress Last(IPNetwork network)
    {
        var bytes = network.BaseAddress.GetAddressBytes();
        var hostBits = (bytes.Length * 8) - network.PrefixLength;
        var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true) | ((BigInteger.One << hostBits) - 1);
        var last = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var padded = new byte[bytes.Length];
        last.CopyTo(padded, padded.Length - last.Length);
        return new IPAddress(padded);
    }

    private sealed class NetworkOrder : IComparer<IPNetwork>
    {
        public static NetworkOrder Instance { get; } = new();

        public int Compare(IPNetwork x, IPNetwork y) => string.CompareOrdinal(x.ToString(), y.ToString());
    }
}
