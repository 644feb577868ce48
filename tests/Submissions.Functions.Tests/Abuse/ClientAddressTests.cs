using System.Net;
using Submissions.Application.Abuse;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Abuse;

public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", 1, "203.0.113.7")]
    [InlineData("203.0.113.7:51234", 1, "203.0.113.7")]
    [InlineData("[2001:db8::1]:443", 1, "2001:db8::1")]
    [InlineData("2001:db8::1", 1, "2001:db8::1")]
    [InlineData("6.6.6.6, 203.0.113.7", 1, "203.0.113.7")]
    [InlineData("6.6.6.6, 203.0.113.7, 198.51.100.1", 2, "203.0.113.7")]
    public void The_entry_appended_by_the_outermost_trusted_proxy_is_the_client(string forwardedFor, int hops, string expected)
    {
        var request = HttpExchange.Request("POST", "/api/registrations", "{}", headers: new Dictionary<string, string> { ["X-Forwarded-For"] = forwardedFor });

        Assert.Equal(IPAddress.Parse(expected), ClientAddress.Resolve(request, hops));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-an-address")]
    public void Without_a_usable_header_the_connection_address_is_used(string? forwardedFor)
    {
        var headers = forwardedFor is null ? null : new Dictionary<string, string> { ["X-Forwarded-For"] = forwardedFor };
        var request = HttpExchange.Request("POST", "/api/registrations", "{}", headers: headers);
        request.HttpContext.Connection.RemoteIpAddress = IPAddress.Loopback;

        Assert.Equal(IPAddress.Loopback, ClientAddress.Resolve(request, 1));
    }

    [Fact]
    public void A_client_cannot_choose_its_address_by_sending_the_header_itself()
    {
        // The front end appends the real address after whatever the client sent.
        var spoofed = HttpExchange.Request("POST", "/", "{}", headers: new Dictionary<string, string> { ["X-Forwarded-For"] = "1.1.1.1, 203.0.113.7" });
        var other = HttpExchange.Request("POST", "/", "{}", headers: new Dictionary<string, string> { ["X-Forwarded-For"] = "2.2.2.2, 203.0.113.7" });

        Assert.Equal(ClientAddress.Resolve(spoofed, 1), ClientAddress.Resolve(other, 1));
    }
}
