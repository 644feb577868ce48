using System.CommandLine;

namespace Submissions.Cli;

/// <summary>The options every command takes: where the API is, how to sign in, and how to print.</summary>
internal sealed class GlobalOptions
{
    public const string DefaultUrl = "http://127.0.0.1:7071/api/";

    public Option<string?> Url { get; } = new("--url")
    {
        Description = $"The API's base address, ending in /api/ (env SUBMISSIONS_URL; default {DefaultUrl}).",
        Recursive = true,
    };

    public Option<string?> Key { get; } = new("--key")
    {
        Description = "The function key, sent as x-functions-key (env SUBMISSIONS_FUNCTION_KEY). Never printed.",
        Recursive = true,
    };

    public Option<FileInfo?> KeysFile { get; } = new("--keys-file")
    {
        Description = "The local host's keys file (.local/host-keys.json): its default key is used.",
        Recursive = true,
    };

    public Option<string?> AppId { get; } = new("--app-id")
    {
        Description = "Client id of the admin app registration: sign in (Azure CLI, then device code) for api://{app-id}/.default (env SUBMISSIONS_ADMIN_APP_ID).",
        Recursive = true,
    };

    public Option<string?> Tenant { get; } = new("--tenant")
    {
        Description = "The Entra tenant to sign in to (default: the Azure CLI's, or the organizations endpoint).",
        Recursive = true,
    };

    public Option<string?> ClientId { get; } = new("--client-id")
    {
        Description = "A public client app registration for the device code sign-in (default: Azure.Identity's).",
        Recursive = true,
    };

    public Option<string?> FunctionApp { get; } = new("--function-app")
    {
        Description = "ARM resource id of the function app: its default host key is fetched with your sign-in.",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the API's JSON instead of tables.",
        Recursive = true,
    };

    public IEnumerable<Option> All => [Url, Key, KeysFile, AppId, Tenant, ClientId, FunctionApp, Json];
}
