using System.Net;
using Submissions.Application.Abuse;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Application.Tests.Abuse;

/// <summary>
/// The client address from the request exactly as the Functions host forwards it: no X-Forwarded-For (the host's proxy
/// consumes it), the client as RemoteIpAddress; behind Front Door, Front Door's address there and the client in
/// X-Azure-SocketIP, trusted only with our X-Azure-FDID.
/// </summary>
public sealed class ClientAddressTests
{
    private const string FrontDoorId = "0f0e0d0c-0b0a-4908-8706-050403020100";
    private const string FrontDoorEdge = "147.243.0.10";

    private static Microsoft.AspNetCore.Http.HttpRequest Forwarded(HostForwarded forwarded) =>
        HttpExchange.Request("POST", "/api/registrations", "{}", headers: forwarded);

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("2001:db8::1")]
    [InlineData("::ffff:203.0.113.7")]
    public void A_direct_deployment_takes_the_address_the_host_saw(string remote) =>
        Assert.Equal(IPAddress.Parse(remote), ClientAddress.Resolve(Forwarded(new HostForwarded(remote)), frontDoorId: null));

    [Theory]
    [InlineData(null)]
    [InlineData(FrontDoorId)]
    public void Headers_a_client_sends_itself_do_not_choose_its_address(string? frontDoorId)
    {
        // What a client may add that passes the host unchanged; with Front Door configured, no FDID of ours.
        var spoofed = new HostForwarded("203.0.113.7")
        {
            ["X-Azure-ClientIP"] = "1.1.1.1",
            ["X-Azure-SocketIP"] = "5.5.5.5",
            ["X-Client-IP"] = "2.2.2.2",
            ["X-Real-IP"] = "3.3.3.3",
            ["Forwarded"] = "for=4.4.4.4",
        };

        Assert.Equal(IPAddress.Parse("203.0.113.7"), ClientAddress.Resolve(Forwarded(spoofed), frontDoorId));
    }

    [Theory]
    [InlineData(FrontDoorId)]
    [InlineData("0F0E0D0C-0B0A-4908-8706-050403020100")]
    public void Behind_our_Front_Door_the_client_is_X_Azure_SocketIP(string sentId)
    {
        var request = Forwarded(new HostForwarded(FrontDoorEdge).ThroughFrontDoor(sentId, "198.51.100.23"));

        Assert.Equal(IPAddress.Parse("198.51.100.23"), ClientAddress.Resolve(request, FrontDoorId));
    }

    [Theory]
    [InlineData("6f0e0d0c-0b0a-4908-8706-050403020100")] // another customer's Front Door profile
    [InlineData("")]
    [InlineData("0f0e0d0c-0b0a-4908-8706-05040302010")]
    [InlineData("0f0e0d0c-0b0a-4908-8706-050403020100, 0f0e0d0c-0b0a-4908-8706-050403020100")]
    public void With_a_wrong_Front_Door_id_X_Azure_SocketIP_is_not_trusted(string sentId)
    {
        var request = Forwarded(new HostForwarded(FrontDoorEdge).ThroughFrontDoor(sentId, "198.51.100.23"));

        Assert.Equal(IPAddress.Parse(FrontDoorEdge), ClientAddress.Resolve(request, FrontDoorId));
    }

    [Fact]
    public void Without_a_Front_Door_id_X_Azure_SocketIP_is_not_trusted()
    {
        var forwarded = new HostForwarded(FrontDoorEdge) { ["X-Azure-SocketIP"] = "198.51.100.23" };

        Assert.Equal(IPAddress.Parse(FrontDoorEdge), ClientAddress.Resolve(Forwarded(forwarded), FrontDoorId));
    }

    [Fact]
    public void Behind_our_Front_Door_an_X_Forwarded_For_the_client_sent_does_not_choose_its_address()
    {
        // Front Door fills X-Azure-ClientIP from a client-sent X-Forwarded-For: a fresh one per request would be a fresh budget.
        var request = Forwarded(new HostForwarded(FrontDoorEdge).ThroughFrontDoor(FrontDoorId, "198.51.100.23", clientSaidForwardedFor: "192.0.2.99"));

        Assert.Equal(IPAddress.Parse("198.51.100.23"), ClientAddress.Resolve(request, FrontDoorId));
    }

    [Fact]
    public void A_Front_Door_id_sent_twice_is_not_ours()
    {
        var request = Forwarded(new HostForwarded(FrontDoorEdge).ThroughFrontDoor(FrontDoorId, "198.51.100.23"));
        request.Headers["X-Azure-FDID"] = new Microsoft.Extensions.Primitives.StringValues([FrontDoorId, FrontDoorId]);

        Assert.Equal(IPAddress.Parse(FrontDoorEdge), ClientAddress.Resolve(request, FrontDoorId));
    }

    [Fact]
    public void An_app_not_behind_Front_Door_ignores_its_headers()
    {
        var request = Forwarded(new HostForwarded("203.0.113.7").ThroughFrontDoor(FrontDoorId, "198.51.100.23"));

        Assert.Equal(IPAddress.Parse("203.0.113.7"), ClientAddress.Resolve(request, frontDoorId: null));
        Assert.Equal(IPAddress.Parse("203.0.113.7"), ClientAddress.Resolve(request, frontDoorId: ""));
    }
}
