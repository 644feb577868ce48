using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Registrations;

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

    [Fact]
    public async Task A_503_promises_a_safe_retry_only_to_a_submission_that_sent_an_Idempotency_Key()
    {
        await using var app = await TestApp.StartAsync(azurite.RefusingConnectionString(), initializeStorage: false);
        var keyed = await app.PostCommentAsync(
            CommentForms.Body(CommentForms.NewPageId()), new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() });
        var unkeyed = await app.PostCommentAsync(CommentForms.Body(CommentForms.NewPageId()));
        var listing = await app.ListCommentsAsync(CommentForms.NewPageId());

        Assert.Equal([503, 503, 503], new[] { keyed.Status, unkeyed.Status, listing.Status });
        Assert.Contains("with the same Idempotency-Key", keyed.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("send an Idempotency-Key", unkeyed.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // A read stored nothing, so it says nothing about what may have been stored.
        Assert.Equal("The comment service is temporarily unavailable.", listing.Json.GetProperty("title").GetString());
        Assert.DoesNotContain("stored", listing.Body, StringComparison.OrdinalIgnoreCase);
    }
}
