using Submissions.Cli.Tests.Infrastructure;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Cli.Tests;

/// <summary>
/// The Azure sign-in path: a bearer token for api://{app-id}/.default on every request, and the function key listed
/// from Azure Resource Manager with the same credential — ARM played by a real Kestrel on loopback, the credential a
/// test one that hands out known tokens per scope.
/// </summary>
public sealed class AzureSignInTests(AzuriteFixture azurite)
{
    private const string AppId = "5b1f0c52-7c38-4b57-9d7a-3b2d8c6a9e10";
    private const string ResourceId = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-submissions/providers/Microsoft.Web/sites/func-submissions";

    [Fact]
    public async Task The_function_key_comes_from_arm_and_every_request_carries_the_admin_token()
    {
        await using var host = await CliHost.StartAsync(azurite);
        await using var proxy = await RecordingProxy.StartAsync(host.Host.BaseUrl);
        await using var arm = await FakeArm.StartAsync(host.Host.DefaultKey);
        var credential = new TestCredential();

        var result = await CliRunner.RunAsync(
            ["--url", proxy.BaseUrl, "--app-id", AppId, "--function-app", ResourceId, "deliveries", "list"],
            environment => environment with { ArmBaseAddress = arm.Address, Credential = credential });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("0 failed deliver(ies)", result.Out, StringComparison.Ordinal);
        Assert.Equal(
            [$"GET {ResourceId}?api-version=2024-04-01", $"POST {ResourceId}/host/default/listkeys?api-version=2024-04-01"],
            arm.Requests.Select(request => request.Call));
        Assert.All(arm.Requests, request => Assert.Equal("Bearer " + TestCredential.TokenFor("https://management.azure.com/.default"), request.Authorization));
        var call = Assert.Single(proxy.Requests);
        Assert.True(call.HadFunctionKey);
        Assert.Equal("Bearer " + TestCredential.TokenFor($"api://{AppId}/.default"), call.Authorization);
        Assert.DoesNotContain(host.Host.DefaultKey, result.Out + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("token-for", result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arm_refusing_the_sign_in_is_a_clear_error_with_exit_code_3()
    {
        await using var host = await CliHost.StartAsync(azurite);
        await using var arm = await FakeArm.StartAsync(host.Host.DefaultKey, acceptedToken: "another-token");

        var result = await CliRunner.RunAsync(
            ["--url", host.Host.BaseUrl, "--app-id", AppId, "--function-app", ResourceId, "deliveries", "list"],
            environment => environment with { ArmBaseAddress = arm.Address, Credential = new TestCredential() });

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Azure Resource Manager refused", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_function_app_that_is_not_a_resource_id_is_refused()
    {
        var result = await CliRunner.RunAsync(
            ["--url", "http://127.0.0.1:1/api/", "--function-app", "func-submissions", "deliveries", "list"],
            environment => environment with { Credential = new TestCredential() });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ARM resource id", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.Web/sites/func")]
    [InlineData(ResourceId + "/slots/staging")]
    [InlineData("/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st")]
    [InlineData(ResourceId + "?api-version=2020-01-01")]
    public async Task Anything_but_exactly_one_function_app_resource_id_is_refused_before_arm_is_asked(string resourceId)
    {
        await using var arm = await FakeArm.StartAsync("never-listed");

        var result = await CliRunner.RunAsync(
            ["--url", "http://127.0.0.1:1/api/", "--function-app", resourceId, "deliveries", "list"],
            environment => environment with { ArmBaseAddress = arm.Address, Credential = new TestCredential() });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ARM resource id", result.Error, StringComparison.Ordinal);
        Assert.Empty(arm.Requests);
    }

    [Fact]
    public async Task The_key_is_not_listed_when_url_is_not_the_function_apps_host()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        await using var arm = await FakeArm.StartAsync("the-production-key", defaultHostName: "func-submissions.azurewebsites.net");

        var result = await CliRunner.RunAsync(
            ["--url", receiver.WebhookUrl.GetLeftPart(UriPartial.Authority) + "/api/", "--app-id", AppId, "--function-app", ResourceId, "deliveries", "list"],
            environment => environment with { ArmBaseAddress = arm.Address, Credential = new TestCredential() });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not the function app's host (func-submissions.azurewebsites.net)", result.Error, StringComparison.Ordinal);
        Assert.Equal([$"GET {ResourceId}?api-version=2024-04-01"], arm.Requests.Select(request => request.Call));
        Assert.Empty(receiver.Requests);
    }
}
