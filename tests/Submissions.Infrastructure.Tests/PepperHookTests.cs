using System.Diagnostics;
using System.Runtime.Versioning;

namespace Submissions.Infrastructure.Tests;

/// <summary>
/// infra/scripts/ensure-pepper.sh against a stand-in `az` on PATH: it creates the pepper only when Key Vault has none,
/// never replaces one, and never writes when it cannot tell — a replaced pepper orphans every stored subject key.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class PepperHookTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("pepper-hook-").FullName;

    private string CallLog => Path.Combine(directory, "az.log");

    private string PepperFile => Path.Combine(directory, "pepper");

    [Fact]
    public async Task Creates_the_pepper_from_a_file_when_the_vault_has_none_and_restarts_the_app()
    {
        var exitCode = await RunHookAsync(listAnswer: "0");

        Assert.Equal(0, exitCode);
        var calls = File.ReadAllLines(CallLog);
        Assert.Contains(calls, call => call.StartsWith("keyvault secret set --vault-name kv-test --name subject-key-pepper --file ", StringComparison.Ordinal));
        Assert.Contains("functionapp restart --name func-test --resource-group rg-test --output none", calls);
        // 48 random bytes, base64: 64 characters, above the app's 32-character minimum.
        Assert.Equal(64, File.ReadAllText(PepperFile).Length);
    }

    [Fact]
    public async Task Leaves_an_existing_pepper_alone()
    {
        var exitCode = await RunHookAsync(listAnswer: "1");

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain(File.ReadAllLines(CallLog), call => call.Contains("secret set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Writes_nothing_when_the_vault_cannot_be_read()
    {
        var exitCode = await RunHookAsync(listAnswer: "fail");

        Assert.NotEqual(0, exitCode);
        var calls = File.ReadAllLines(CallLog);
        Assert.Equal(8, calls.Count(call => call.StartsWith("keyvault secret list", StringComparison.Ordinal)));
        Assert.DoesNotContain(calls, call => call.Contains("secret set", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private async Task<int> RunHookAsync(string listAnswer)
    {
        // `az` records its arguments and answers the list query; `sleep` returns at once so retries cost nothing.
        WriteExecutable("az", $$"""
            #!/bin/sh
            echo "$*" >> "{{CallLog}}"
            if [ "$1 $2 $3" = "keyvault secret list" ]; then
              [ "{{listAnswer}}" = "fail" ] && exit 1
              echo "{{listAnswer}}"
            fi
            if [ "$1 $2 $3" = "keyvault secret set" ]; then
              while [ $# -gt 0 ]; do [ "$1" = "--file" ] && cat "$2" > "{{PepperFile}}"; shift; done
            fi
            exit 0
            """);
        WriteExecutable("sleep", "#!/bin/sh\nexit 0\n");

        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(BicepCli.InfraDirectory, "scripts", "ensure-pepper.sh"));
        start.Environment["PATH"] = directory + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["AZURE_KEY_VAULT_NAME"] = "kv-test";
        start.Environment["AZURE_FUNCTION_APP_NAME"] = "func-test";
        start.Environment["AZURE_RESOURCE_GROUP"] = "rg-test";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        await Task.WhenAll(output, errors);
        return process.ExitCode;
    }

    private void WriteExecutable(string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
