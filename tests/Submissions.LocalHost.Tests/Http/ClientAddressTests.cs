using System.Net;
using System.Text;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.LocalHost.Tests.Infrastructure;

namespace Submissions.LocalHost.Tests.Http;

/// <summary>
/// The client address end to end: the app's rate limit keys on the address the host's connection came from, so a
/// client cannot escape it by claiming other addresses in X-Forwarded-For (which the local host, like the real one,
/// never passes on: HttpFunctionEndpointTests).
/// </summary>
public sealed class ClientAddressTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_client_cannot_escape_the_rate_limit_by_claiming_other_addresses()
    {
        await using var host = await LocalHostUnderTest.StartAsync(azurite.ConnectionString, new Dictionary<string, string>
        {
            ["RateLimits__PermitsPerWindow"] = "1",
            ["RateLimits__WindowSeconds"] = "600",
        });

        using var first = await PostAsync(host, "203.0.113.1");
        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.StatusCode);
        foreach (var claimed in new[] { "203.0.113.2", "198.51.100.7, 203.0.113.3", "[2001:db8::1]:443" })
        {
            using var next = await PostAsync(host, claimed);
            Assert.Equal(HttpStatusCode.TooManyRequests, next.StatusCode);
        }
    }

    private static Task<HttpResponseMessage> PostAsync(LocalHostUnderTest host, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/registrations") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        return host.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
