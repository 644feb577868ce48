using Submissions.Cli.Tests.Infrastructure;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Cli.Tests;

/// <summary>The local sign-in modes: a key, the env variable, the local host's keys file — and a wrong key refused clearly.</summary>
public sealed class AuthenticationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_wrong_key_is_a_clear_error_with_exit_code_3_and_the_key_is_never_printed()
    {
        await using var host = await CliHost.StartAsync(azurite);
        const string wrongKey = "not-the-key-0123456789-not-the-key-0123456789";

        var result = await CliRunner.RunAsync(["--url", host.Host.BaseUrl, "--key", wrongKey, "comments", "queue"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Error 401", result.Error, StringComparison.Ordinal);
        Assert.Contains("function key was refused", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, result.Out + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_keys_file_and_the_environment_variable_are_read_for_the_key()
    {
        await using var host = await CliHost.StartAsync(azurite);

        var fromFile = await CliRunner.RunAsync(["--url", host.Host.BaseUrl, "--keys-file", host.Host.KeysFile, "deliveries", "list"]);
        var fromVariable = await CliRunner.RunAsync(
            ["--url", host.Host.BaseUrl, "deliveries", "list"],
            variables: new Dictionary<string, string> { ["SUBMISSIONS_FUNCTION_KEY"] = host.Host.DefaultKey });
        var without = await CliRunner.RunAsync(["--url", host.Host.BaseUrl, "deliveries", "list"]);

        Assert.True(fromFile.ExitCode == 0, fromFile.ToString());
        Assert.Contains("0 failed deliver(ies)", fromFile.Out, StringComparison.Ordinal);
        Assert.True(fromVariable.ExitCode == 0, fromVariable.ToString());
        Assert.Equal(3, without.ExitCode);
    }

    [Fact]
    public async Task An_unreachable_server_is_exit_code_6()
    {
        var result = await CliRunner.RunAsync(["--url", $"http://127.0.0.1:{AzuriteFixture.FreePort()}/api/", "--key", "k", "stats", "--from", "2026-01-01", "--to", "2026-01-02"]);

        Assert.Equal(6, result.ExitCode);
        Assert.Contains("Could not reach the server", result.Error, StringComparison.Ordinal);
    }
}
