using System.Runtime.Versioning;
using Submissions.Application.Admin;

namespace Submissions.Infrastructure.Tests;

/// <summary>
/// infra/scripts/verify-admin-guard.sh (azd postdeploy) against stand-in `az` and `curl`: a deployment passes only when
/// a function key with a forged admin principal and no token is refused, and — with an admin app registration — a real
/// token of a holder of the admin role gets in with the key and not without it (issue 19, item 8).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class AdminGuardHookTests : IDisposable
{
    private const string FunctionKey = "function-key-not-a-real-one";
    private const string AdminApp = "11111111-2222-3333-4444-555555555555";

    private static readonly Dictionary<string, string> Azd = new(StringComparer.Ordinal)
    {
        ["AZURE_FUNCTION_APP_NAME"] = "func-test",
        ["AZURE_RESOURCE_GROUP"] = "rg-test",
        ["SERVICE_API_URI"] = "https://func-test.example.net",
        ["AZURE_TENANT_ID"] = "00000000-0000-0000-0000-0000000000aa",
    };

    private readonly HookScript hook = new();


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
    public async Task An_app_without_a_default_key_fails_as_unverified_without_a_request()
    {
        hook.Stub("az", $"#!/bin/sh\necho \"az $*\" >> \"{hook.CallLog}\"\necho\n");
        hook.Stub("curl", $"#!/bin/sh\necho \"curl $*\" >> \"{hook.CallLog}\"\nprintf 401\n");

        Assert.NotEqual(0, await hook.RunAsync("verify-admin-guard.sh", Azd));
        Assert.Contains("no default function key", hook.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(hook.Calls, call => call.StartsWith("curl ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sign_in_check_the_app_never_answers_fails_as_unverified_not_as_a_bad_registration()
    {
        Assert.NotEqual(0, await RunAsync("401", Token("2.0", [new AdminOptions().Role]), adminStatus: "000", tokenOnlyStatus: "401"));
        Assert.Contains("did not answer /api/manage/partners", hook.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_forgery_is_a_well_formed_admin_principal_of_the_tenant_and_the_key_is_never_an_argument()
    {
        await RunAsync("401");

        var headers = SentHeaders("forged");
        Assert.Equal(FunctionKey, headers["x-functions-key"]);
        Assert.True(AdminPrincipal.TryParse(headers["x-ms-client-principal"], out var principal, out var failure), failure.ToString());
        Assert.True(principal.IsInRole(new AdminOptions().Role));
        Assert.Equal("aad", principal.AuthType);
        Assert.Equal("00000000-0000-0000-0000-0000000000aa", principal.TenantId);
        Assert.DoesNotContain(hook.Calls, call => call.Contains(FunctionKey, StringComparison.Ordinal));
        Assert.Contains(hook.Calls, call => call.Contains("https://func-test.example.net/api/manage/stats", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_real_admin_token_with_the_key_gets_in_and_without_the_key_does_not_and_neither_is_an_argument()
    {
        var token = Token(version: "2.0", roles: [new AdminOptions().Role]);

        Assert.Equal(0, await RunAsync("401", token, adminStatus: "200", tokenOnlyStatus: "401"));

        Assert.Contains(hook.Calls, call => call.StartsWith("az account get-access-token --scope api://" + AdminApp + "/.default", StringComparison.Ordinal));
        var admin = SentHeaders("admin");
        Assert.Equal((FunctionKey, "Bearer " + token), (admin["x-functions-key"], admin["authorization"]));
        Assert.False(SentHeaders("token-only").ContainsKey("x-functions-key"));
        Assert.DoesNotContain(hook.Calls, call => call.Contains(token, StringComparison.Ordinal) || call.Contains(FunctionKey, StringComparison.Ordinal));
        Assert.Contains(hook.Calls, call => call.Contains("https://func-test.example.net/api/manage/partners?pageSize=1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1.0", true, "200", "401", "not version 2.0")] // the registration still issues v1 tokens: Easy Auth's v2.0 issuer refuses them
    [InlineData("2.0", false, "200", "401", "does not hold the app role")] // the deployer does not hold the role: nothing is proven
    [InlineData("2.0", true, "401", "401", "A real admin token with the role and the function key got 401")] // refused as deployed
    [InlineData("2.0", true, "200", "200", "without the function key got 200")] // the token alone opens the manage API
    public async Task An_admin_sign_in_that_cannot_be_proven_fails_the_deployment(string version, bool hasRole, string adminStatus, string tokenOnlyStatus, string why)
    {
        var token = Token(version, hasRole ? [new AdminOptions().Role] : ["Somebody.Else"]);

        Assert.NotEqual(0, await RunAsync("401", token, adminStatus, tokenOnlyStatus));
        Assert.Contains(why, hook.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skipping_the_sign_in_proof_is_explicit_and_still_checks_the_forgery()
    {
        var token = Token("2.0", ["Somebody.Else"]);

        Assert.Equal(0, await RunAsync("401", token, "200", "401", skipSignIn: true));
        Assert.Contains("ADMIN_SIGNIN_CHECK=skip", hook.Errors, StringComparison.Ordinal);
        Assert.NotEqual(0, await RunAsync("200", token, "200", "401", skipSignIn: true));
        Assert.DoesNotContain(hook.Calls, call => call.StartsWith("az account", StringComparison.Ordinal));
    }

    public void Dispose() => hook.Dispose();

    /// <summary>An unsigned JWT with the claims the hook reads: it only decodes them, Easy Auth validates the real one.</summary>
    private static string Token(string version, string[] roles)
    {
        static string Part(object value) => Convert.ToBase64String(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return Part(new { alg = "RS256", typ = "JWT" }) + "." + Part(new { aud = AdminApp, ver = version, roles, oid = "00000000-0000-0000-0000-00000000ad01" }) + ".c2lnbmF0dXJl";
    }

    private Dictionary<string, string> SentHeaders(string kind) =>
        File.ReadAllLines(Path.Combine(hook.Directory, "headers-" + kind)).Select(line => line.Split(": ", 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);

    private Task<int> RunAsync(string status) => RunAsync(status, token: null, adminStatus: "200", tokenOnlyStatus: "401");

    private Task<int> RunAsync(string status, string? token, string adminStatus, string tokenOnlyStatus, bool skipSignIn = false)
    {
        hook.Stub("az", $$"""
            #!/bin/sh
            echo "az $*" >> "{{hook.CallLog}}"
            case "$1" in
              account) echo "{{token}}" ;;
              *) echo {{FunctionKey}} ;;
            esac
            """);
        // `curl` keeps the header file it was given, named by what it carries, and answers with the status under test.
        hook.Stub("curl", $$"""
            #!/bin/sh
            echo "curl $*" >> "{{hook.CallLog}}"
            while [ $# -gt 0 ]; do
              if [ "$1" = "--header" ]; then file="${2#@}"; fi
              shift
            done
            if grep -qi '^x-ms-client-principal:' "$file"; then kind=forged; answer={{status}}
            elif grep -qi '^x-functions-key:' "$file"; then kind=admin; answer={{adminStatus}}
            else kind=token-only; answer={{tokenOnlyStatus}}; fi
            cat "$file" > "{{hook.Directory}}/headers-$kind"
            printf '%s' "$answer"
            """);
        var environment = new Dictionary<string, string>(Azd, StringComparer.Ordinal);
        if (token is not null)
        {
            environment["ADMIN_APP_CLIENT_ID"] = AdminApp;
        }

        if (skipSignIn)
        {
            environment["ADMIN_SIGNIN_CHECK"] = "skip";
        }

        return hook.RunAsync("verify-admin-guard.sh", environment);
    }
}
