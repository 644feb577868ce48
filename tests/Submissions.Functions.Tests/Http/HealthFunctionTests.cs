using Submissions.Functions.Http;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Http;

public sealed class HealthFunctionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Reports_healthy_when_storage_answers()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var request = HttpExchange.Request("GET", "/api/health", contentType: null);

        var response = await app.Function<HealthFunctions>().GetAsync(request, TestContext.Current.CancellationToken).ExecuteAsync(request);

        Assert.Equal(200, response.Status);
        Assert.Equal("healthy", response.Json.GetProperty("status").GetString());
        Assert.Equal("reachable", response.Json.GetProperty("checks").GetProperty("storage").GetString());
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
    }

    [Fact]
    public async Task Reports_503_problem_when_storage_does_not_answer()
    {
        // A loopback port nobody listens on: every storage call is refused.
        var deadStorage = azurite.ConnectionString.Replace($":{azurite.TablePort}/", $":{AzuriteFixture.FreePort()}/", StringComparison.Ordinal);
        await using var app = await TestApp.StartAsync(deadStorage, new Dictionary<string, string?> { ["Health:TimeoutSeconds"] = "1" }, initializeStorage: false);
        var request = HttpExchange.Request("GET", "/api/health", contentType: null);

        var response = await app.Function<HealthFunctions>().GetAsync(request, TestContext.Current.CancellationToken).ExecuteAsync(request);

        Assert.Equal(503, response.Status);
        Assert.True(response.IsProblem);
        Assert.Equal("10", response.Headers.RetryAfter.ToString());
        Assert.DoesNotContain("at ", response.Body, StringComparison.Ordinal);
    }
}
