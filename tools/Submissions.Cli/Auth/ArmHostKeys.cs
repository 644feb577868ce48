using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Core;
using Submissions.Cli.Api;

namespace Submissions.Cli.Auth;

/// <summary>
/// Fetches the function app's default host key from Azure Resource Manager with the admin's own sign-in, so no key has
/// to be copied around: <c>POST {arm}{resourceId}/host/default/listkeys</c>, <c>functionKeys.default</c>. The key is
/// used only when --url points at that very app (its <c>properties.defaultHostName</c>), so a mistyped or hostile --url
/// never receives a production key.
/// </summary>
internal static partial class ArmHostKeys
{
    public const string Scope = "https://management.azure.com/.default";
    public const string ApiVersion = "2024-04-01";

    public static async Task<string> GetDefaultKeyAsync(
        Uri armBaseAddress, TokenCredential credential, string resourceId, Uri apiBaseAddress, CancellationToken cancellationToken)
    {
        if (!FunctionAppResourceId().IsMatch(resourceId))
        {
            throw new CliUsageException("--function-app must be the function app's ARM resource id: /subscriptions/{guid}/resourceGroups/{group}/providers/Microsoft.Web/sites/{name}.");
        }

        var token = await credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = armBaseAddress };
        using var site = await SendAsync(http, HttpMethod.Get, $"{resourceId}?api-version={ApiVersion}", token, "read the function app", cancellationToken);
        var hostName = ReadDefaultHostName(site);
        if (!string.Equals(hostName, apiBaseAddress.IdnHost, StringComparison.OrdinalIgnoreCase))
        {
            throw new CliUsageException($"--url's host ({apiBaseAddress.IdnHost}) is not the function app's host ({hostName}): its key is sent only to that app.");
        }

        using var keys = await SendAsync(http, HttpMethod.Post, $"{resourceId}/host/default/listkeys?api-version={ApiVersion}", token, "list the function app's keys", cancellationToken);
        return ReadDefaultKey(keys);
    }

    private static async Task<JsonDocument> SendAsync(HttpClient http, HttpMethod method, string path, AccessToken token, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var problem = await ApiProblem.ReadAsync(response, cancellationToken);
            throw new ApiProblemException(problem with { Title = $"Azure Resource Manager refused to {what} ({(int)response.StatusCode}).", Errors = [] });
        }

        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private static string ReadDefaultHostName(JsonDocument site)
    {
        if (site.RootElement.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            && properties.TryGetProperty("defaultHostName", out var name) && name.ValueKind == JsonValueKind.String)
        {
            return name.GetString()!;
        }

        throw new ApiProblemException("Azure Resource Manager gave no host name for this function app.");
    }

    private static string ReadDefaultKey(JsonDocument keys)
    {
        if (keys.RootElement.TryGetProperty("functionKeys", out var functionKeys) && functionKeys.ValueKind == JsonValueKind.Object
            && functionKeys.TryGetProperty("default", out var key) && key.ValueKind == JsonValueKind.String)
        {
            return key.GetString()!;
        }

        throw new ApiProblemException("Azure Resource Manager listed no default function key for this app.");
    }

    /// <summary>Exactly one site: no trailing segments (a slot, a sub-resource) and no query that could change the call.</summary>
    [GeneratedRegex(
        "^/subscriptions/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/resourceGroups/[^/?#]+/providers/Microsoft\\.Web/sites/[^/?#]+$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FunctionAppResourceId();
}
