using Azure.Core;
using Azure.Identity;

namespace Submissions.Functions.Hosting;

/// <summary>
/// Application Insights with local authentication off accepts telemetry only with an Entra token. The host reads
/// APPLICATIONINSIGHTS_AUTHENTICATION_STRING (<c>ClientId={id};Authorization=AAD</c>) for its own telemetry; the
/// worker's exporter needs the same identity handed to it, or every batch it sends is refused.
/// </summary>
public static class ApplicationInsightsCredential
{
    public const string SettingName = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The managed identity the setting names, or null when it asks for no Entra authentication.</summary>
    public static TokenCredential? FromAuthenticationString(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var parts = value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out var clientId) && !string.IsNullOrEmpty(clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
