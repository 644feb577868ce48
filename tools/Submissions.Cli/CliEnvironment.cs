using Azure.Core;
using Spectre.Console;

namespace Submissions.Cli;

/// <summary>
/// What the tool talks to outside itself: where output goes (stdout for results, stderr for errors and prompts), the
/// environment variables it reads, and — for tests — the Azure Resource Manager address and the credential.
/// </summary>
internal sealed record CliEnvironment(IAnsiConsole Out, IAnsiConsole Error, Func<string, string?> Variable)
{
    /// <summary>Where the function app's host keys are listed; a test points it at a loopback server.</summary>
    public Uri ArmBaseAddress { get; init; } = new("https://management.azure.com");

    /// <summary>Null: the Azure CLI's sign-in, then a device code. A test passes its own.</summary>
    public TokenCredential? Credential { get; init; }

    /// <summary>How often a queued export job is polled.</summary>
    public TimeSpan JobPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    public static CliEnvironment FromProcess() => new(
        AnsiConsole.Console,
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }),
        Environment.GetEnvironmentVariable);
}
