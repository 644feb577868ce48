using System.Collections.Concurrent;
using System.Net;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
        var listKeys = Assert.Single(arm.Requests);
        Assert.Equal($"POST {ResourceId}/host/default/listkeys?api-version=2024-04-01", listKeys.Call);
        Assert.Equal("Bearer " + TestCredential.TokenFor("https://management.azure.com/.default"), listKeys.Authorization);
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

    /// <summary>Hands out a distinct known token per scope, and never signs anyone in.</summary>
    private sealed class TestCredential : TokenCredential
    {
        public static string TokenFor(string scope) => "token-for-" + scope;

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(TokenFor(Assert.Single(requestContext.Scopes)), DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    /// <summary>Azure Resource Manager's listkeys for one function app, on a loopback Kestrel.</summary>
    private sealed class FakeArm(WebApplication app) : IAsyncDisposable
    {
        public sealed record Seen(string Call, string Authorization);

        public ConcurrentQueue<Seen> Requests { get; } = new();

        public Uri Address => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        public static async Task<FakeArm> StartAsync(string defaultKey, string? acceptedToken = null)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var arm = new FakeArm(app);
            var expected = "Bearer " + (acceptedToken ?? TestCredential.TokenFor("https://management.azure.com/.default"));
            app.Run(async http =>
            {
                var authorization = http.Request.Headers.Authorization.ToString();
                arm.Requests.Enqueue(new Seen($"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}", authorization));
                if (authorization != expected)
                {
                    http.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return;
                }

                await http.Response.WriteAsJsonAsync(new { functionKeys = new Dictionary<string, string> { ["default"] = defaultKey }, masterKey = "master-not-used" });
            });
            await app.StartAsync(TestContext.Current.CancellationToken);
            return arm;
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }
}
