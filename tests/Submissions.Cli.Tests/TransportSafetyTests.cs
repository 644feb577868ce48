using Submissions.Cli.Tests.Infrastructure;

namespace Submissions.Cli.Tests;

/// <summary>The function key and personal data never leave over plain http to another machine, nor follow a redirect.</summary>
public sealed class TransportSafetyTests
{
    [Fact]
    public async Task A_redirect_is_not_followed_so_the_other_server_never_sees_the_key_or_the_body_and_the_exit_code_is_not_zero()
    {
        await using var elsewhere = await LoopbackReceiver.StartAsync();
        await using var redirecting = await RedirectingServer.StartAsync(elsewhere.WebhookUrl);
        const string key = "the-function-key-0123456789";

        var result = await CliRunner.RunAsync(["--url", redirecting.BaseUrl, "--key", key, "subjects", "access", "--email", "ada@example.test"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("redirect (307)", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, redirecting.Requests);
        Assert.Empty(elsewhere.Requests);
        Assert.DoesNotContain(key, result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_http_to_a_host_other_than_this_machine_is_refused_before_any_request()
    {
        var result = await CliRunner.RunAsync(["--url", "http://example.org/api/", "--key", "k", "comments", "queue"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--url must use https", result.Error, StringComparison.Ordinal);
    }
}
