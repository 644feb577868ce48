using Submissions.Functions.Http;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Health;

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
        var deadStorage = azurite.RefusingConnectionString();
        await using var app = await TestApp.StartAsync(deadStorage, new Dictionary<string, string?> { ["Health:TimeoutSeconds"] = "1" }, initializeStorage: false);
        var request = HttpExchange.Request("GET", "/api/health", contentType: null);

        var response = await app.Function<HealthFunctions>().GetAsync(request, TestContext.Current.CancellationToken).ExecuteAsync(request);

        Assert.Equal(503, response.Status);
        Assert.True(response.IsProblem);
        Assert.Equal("10", response.Headers.RetryAfter.ToString());
        Assert.Equal("Storage is not reachable.", response.Json.GetProperty("title").GetString());
        Assert.DoesNotContain("Exception", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_503_within_its_timeout_when_storage_hangs()
    {
        using var silent = new SilentStorage(azurite.ConnectionString, azurite.TablePort);
        await using var app = await TestApp.StartAsync(silent.ConnectionString, new Dictionary<string, string?> { ["Health:TimeoutSeconds"] = "0.5" }, initializeStorage: false);
        var request = HttpExchange.Request("GET", "/api/health", contentType: null);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var response = await app.Function<HealthFunctions>().GetAsync(request, TestContext.Current.CancellationToken).ExecuteAsync(request);

        Assert.Equal(503, response.Status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}"); // without the probe timeout: 4 tries x 5 s
    }
}
