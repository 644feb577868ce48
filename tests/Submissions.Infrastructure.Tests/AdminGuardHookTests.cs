using System.Runtime.Versioning;
using Submissions.Application.Admin;

namespace Submissions.Infrastructure.Tests;

/// <summary>
/// infra/scripts/verify-admin-guard.sh (azd postdeploy) against stand-in `az` and `curl`: a deployment passes only when
/// a function key with a forged admin principal and no token is refused.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class AdminGuardHookTests : IDisposable
{
    private const string FunctionKey = "function-key-not-a-real-one";

    private static readonly Dictionary<string, string> Azd = new(StringComparer.Ordinal)
    {
        ["AZURE_FUNCTION_APP_NAME"] = "func-test",
        ["AZURE_RESOURCE_GROUP"] = "rg-test",
        ["SERVICE_API_URI"] = "https://func-test.example.net",
        ["AZURE_TENANT_ID"] = "00000000-0000-0000-0000-0000000000aa",
    };

    private readonly HookScript hook = new();

    private string Headers => Path.Combine(hook.Directory, "headers-sent");

    [Theory]
    [InlineData("401")]
    [InlineData("403")]
    public async Task A_refused_forgery_passes(string status) => Assert.Equal(0, await RunAsync(status));

    [Theory]
    [InlineData("200")]
    [InlineData("400")]
    public async Task A_forgery_that_reaches_the_function_fails_the_deployment(string status) => Assert.NotEqual(0, await RunAsync(status));

    [Fact]
    public async Task An_app_that_never_answers_fails_as_unverified()
    {
        Assert.NotEqual(0, await RunAsync("503"));
        Assert.Equal(10, hook.Calls.Count(call => call.StartsWith("curl ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_forgery_is_a_well_formed_admin_principal_of_the_tenant_and_the_key_is_never_an_argument()
    {
        await RunAsync("401");

        var headers = File.ReadAllLines(Headers).Select(line => line.Split(": ", 2)).ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        Assert.Equal(FunctionKey, headers["x-functions-key"]);
        Assert.True(AdminPrincipal.TryParse(headers["x-ms-client-principal"], out var principal, out var failure), failure.ToString());
        Assert.True(principal.IsInRole(new AdminOptions().Role));
        Assert.Equal("aad", principal.AuthType);
        Assert.Equal("00000000-0000-0000-0000-0000000000aa", principal.TenantId);
        Assert.DoesNotContain(hook.Calls, call => call.Contains(FunctionKey, StringComparison.Ordinal));
        Assert.Contains(hook.Calls, call => call.Contains("https://func-test.example.net/api/manage/stats", StringComparison.Ordinal));
    }

    public void Dispose() => hook.Dispose();

    private Task<int> RunAsync(string status)
    {
        hook.Stub("az", $"#!/bin/sh\necho \"az $*\" >> \"{hook.CallLog}\"\necho {FunctionKey}\n");
        // `curl` keeps the header file it was given and answers with the status under test.
        hook.Stub("curl", $$"""
            #!/bin/sh
            echo "curl $*" >> "{{hook.CallLog}}"
            while [ $# -gt 0 ]; do
              if [ "$1" = "--header" ]; then cat "${2#@}" > "{{Headers}}"; fi
              shift
            done
            printf '%s' "{{status}}"
            """);
        return hook.RunAsync("verify-admin-guard.sh", Azd);
    }
}
