using System.Runtime.Versioning;

namespace Submissions.Infrastructure.Tests;

/// <summary>
/// infra/scripts/ensure-pepper.sh (azd postprovision) against a stand-in `az`: it creates the pepper only when Key Vault
/// has none (asked of Resource Manager, so a pipeline needs no role on the vault's data), never replaces one, and never
/// writes when it cannot tell — a replaced pepper orphans every subject key.
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
    public async Task Writes_nothing_when_it_cannot_tell_whether_the_pepper_exists()
    {
        var exitCode = await RunAsync(listAnswer: "fail");

        Assert.NotEqual(0, exitCode);
        Assert.Equal(8, hook.Calls.Count(call => call.StartsWith("rest --method get", StringComparison.Ordinal)));
        Assert.DoesNotContain(hook.Calls, call => call.Contains("secret set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Asks_Resource_Manager_never_the_vault_s_data_plane_whether_the_pepper_exists()
    {
        await RunAsync(listAnswer: "1");

        Assert.Contains(hook.Calls, call => call.StartsWith(
            "rest --method get --url https://management.azure.com/subscriptions/s/resourceGroups/rg-test/providers/Microsoft.KeyVault/vaults/kv-test/secrets/subject-key-pepper?api-version=", StringComparison.Ordinal));
        Assert.DoesNotContain(hook.Calls, call => call.StartsWith("keyvault secret list", StringComparison.Ordinal) || call.StartsWith("keyvault secret show", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pipeline_that_finds_no_pepper_stops_with_advice_and_writes_nothing()
    {
        var exitCode = await RunAsync(listAnswer: "0", principalType: "ServicePrincipal");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("run the first azd up of this environment as a person", hook.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(hook.Calls, call => call.Contains("secret set", StringComparison.Ordinal) || call.StartsWith("functionapp restart", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_person_whose_role_is_still_propagating_is_retried_then_told()
    {
        var exitCode = await RunAsync(listAnswer: "0", setFails: true);

        Assert.NotEqual(0, exitCode);
        Assert.Equal(8, hook.Calls.Count(call => call.StartsWith("keyvault secret set", StringComparison.Ordinal)));
        Assert.Contains("Key Vault Secrets Officer", hook.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(hook.Calls, call => call.StartsWith("functionapp restart", StringComparison.Ordinal));
    }

    public void Dispose() => hook.Dispose();

    private Task<int> RunAsync(string listAnswer, bool setFails = false, string principalType = "User")
    {
        // `az` records its arguments and answers Resource Manager's question (found, not found, or refused); a set keeps
        // the file it was given.
        hook.Stub("az", $$"""
            #!/bin/sh
            echo "$*" >> "{{hook.CallLog}}"
            if [ "$1 $2" = "keyvault show" ]; then
              echo /subscriptions/s/resourceGroups/rg-test/providers/Microsoft.KeyVault/vaults/kv-test
            fi
            if [ "$1" = "rest" ]; then
              case "{{listAnswer}}" in
                1) echo subject-key-pepper ;;
                0) echo "ERROR: Not Found (SecretNotFound) Secret not found" >&2; exit 1 ;;
                *) echo "ERROR: (AuthorizationFailed) The client does not have authorization" >&2; exit 1 ;;
              esac
            fi
            if [ "$1 $2 $3" = "keyvault secret set" ]; then
              {{(setFails ? "exit 1" : "true")}}
              while [ $# -gt 0 ]; do [ "$1" = "--file" ] && cat "$2" > "{{PepperFile}}"; shift; done
            fi
            exit 0
            """);
        return hook.RunAsync("ensure-pepper.sh", new Dictionary<string, string>(Azd, StringComparer.Ordinal) { ["AZURE_PRINCIPAL_TYPE"] = principalType });
    }
}
