using System.Net;
using Submissions.Application.Deliveries;

namespace Submissions.Application.Tests.Deliveries;

public sealed class DestinationGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")] // the cloud metadata endpoint
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a00:1")] // NAT64 of 10.0.0.1
    [InlineData("2002:a00:1::1")] // 6to4 of 10.0.0.1
    [InlineData("::a00:1")] // IPv4-compatible 10.0.0.1
    [InlineData("198.18.0.1")]
    [InlineData("100::1")]
    [InlineData("203.0.113.10")] // documentation (TEST-NET-3): special-purpose, not a partner
    [InlineData("2001:db8::1")] // documentation
    [InlineData("168.63.129.16")] // the Azure platform address
    [InlineData("64:ff9b:1::a00:1")] // local-use NAT64
    [InlineData("::ffff:0:a00:1")] // IPv4-translated 10.0.0.1
    [InlineData("2001::1")] // Teredo
    [InlineData("192.88.99.1")] // 6to4 relay anycast
    public void Private_loopback_and_link_local_addresses_are_refused(string address) =>
        Assert.False(DestinationGuard.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("64:ff9b::808:808")] // NAT64 of 8.8.8.8
    public void Public_addresses_are_allowed(string address) =>
        Assert.True(DestinationGuard.IsPublic(IPAddress.Parse(address)));
}
