using Azure.Core;
using Azure.Identity;
using Spectre.Console;

namespace Submissions.Cli.Auth;

/// <summary>
/// The admin's sign-in: the Azure CLI's account when `az login` was done, otherwise a device code (its message goes to
/// stderr, so stdout stays the command's output).
/// </summary>
internal static class AdminCredential
{
    public static TokenCredential Create(string? tenantId, string? clientId, IAnsiConsole error)
    {
        var deviceCode = new DeviceCodeCredentialOptions
        {
            TenantId = tenantId,
            DeviceCodeCallback = (code, _) =>
            {
                error.WriteLine(code.Message);
                return Task.CompletedTask;
            },
        };
        if (!string.IsNullOrEmpty(clientId))
        {
            deviceCode.ClientId = clientId;
        }

        return new ChainedTokenCredential(
            new AzureCliCredential(new AzureCliCredentialOptions { TenantId = tenantId }),
            new DeviceCodeCredential(deviceCode));
    }
}
