using System.Runtime.Versioning;

namespace Submissions.Infrastructure.Tests;

/// <summary>
/// infra/scripts/ensure-pepper.sh (azd postprovision) against a stand-in `az`: it creates the pepper only when Key Vault
/// has none, never replaces one, and never writes when it cannot tell — a replaced pepper orphans every subject key.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class PepperHookTests : IDisposable
{
    private static readonly Dictionary<string, string> Azd = new(StringComparer.Ordinal)
    {
        ["AZURE_KEY_VAULT_NAME"] = "kv-test",
        ["AZURE_FUNCTION_APP_NAME"] = "func-test",
        ["AZURE_RESOURCE_GROUP"] = "rg-test",
    };

    private readonly HookScript hook = new();

    private string PepperFile => Path.Combine(hook.Directory, "pepper");

    [Fact]
    public async Task Creates_the_pepper_from_a_file_when_the_vault_has_none_and_restarts_the_app()
    {
        var exitCode = await RunAsync(listAnswer: "0");

        Assert.Equal(0, exitCode);
        Assert.Contains(hook.Calls, call => call.StartsWith("keyvault secret set --vault-name kv-test --name subject-key-pepper --file ", StringComparison.Ordinal));
        Assert.Contains("functionapp restart --name func-test --resource-group rg-test --output none", hook.Calls);
        // 48 random bytes, base64: 64 characters, above the app's 32-character minimum.
        Assert.Equal(64, File.ReadAllText(PepperFile).Length);
    }

    [Fact]
    public async Task Leaves_an_existing_pepper_alone()
    {
        var exitCode = await RunAsync(listAnswer: "1");

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain(hook.Calls, call => call.Contains("secret set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Writes_nothing_when_the_vault_cannot_be_read()
    {
        var exitCode = await RunAsync(listAnswer: "fail");

        Assert.NotEqual(0, exitCode);
        Assert.Equal(8, hook.Calls.Count(call => call.StartsWith("keyvault secret list", StringComparison.Ordinal)));
        Assert.DoesNotContain(hook.Calls, call => call.Contains("secret set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pipeline_that_may_only_see_the_vault_stops_with_advice_and_restarts_nothing()
    {
        var exitCode = await RunAsync(listAnswer: "0", setFails: true);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("run the first azd up as a person", hook.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(hook.Calls, call => call.StartsWith("functionapp restart", StringComparison.Ordinal));
    }

    public void Dispose() => hook.Dispose();

    private Task<int> RunAsync(string listAnswer, bool setFails = false)
    {
        // `az` records its arguments and answers the list query; a set keeps the file it was given.
        hook.Stub("az", $$"""
            #!/bin/sh
            echo "$*" >> "{{hook.CallLog}}"
            if [ "$1 $2 $3" = "keyvault secret list" ]; then
              [ "{{listAnswer}}" = "fail" ] && exit 1
              echo "{{listAnswer}}"
            fi
            if [ "$1 $2 $3" = "keyvault secret set" ]; then
              {{(setFails ? "exit 1" : "true")}}
              while [ $# -gt 0 ]; do [ "$1" = "--file" ] && cat "$2" > "{{PepperFile}}"; shift; done
            fi
            exit 0
            """);
        return hook.RunAsync("ensure-pepper.sh", Azd);
    }
}
