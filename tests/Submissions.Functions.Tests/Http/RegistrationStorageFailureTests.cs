using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Http;

/// <summary>Storage refusing or hanging: a 503 with Retry-After, never a 500 or a hung request.</summary>
public sealed class RegistrationStorageFailureTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Storage_down_is_503_with_Retry_After()
    {
        var deadStorage = azurite.RefusingConnectionString();
        await using var app = await TestApp.StartAsync(deadStorage, initializeStorage: false);

        var response = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()));

        Assert.Equal(503, response.Status);
        Assert.True(response.IsProblem);
        Assert.Equal("5", response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task Storage_that_hangs_is_503_after_the_network_timeout_not_a_500()
    {
        using var silent = new SilentStorage(azurite.ConnectionString, azurite.TablePort);
        await using var app = await TestApp.StartAsync(
            silent.ConnectionString,
            new Dictionary<string, string?> { ["Storage:NetworkTimeoutSeconds"] = "0.3", ["Storage:MaxRetries"] = "1" },
            initializeStorage: false);

        var response = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()));

        Assert.Equal(503, response.Status);
        Assert.Equal("5", response.Headers.RetryAfter.ToString());
    }
}
