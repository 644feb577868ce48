using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Core;
using Submissions.Cli.Api;

namespace Submissions.Cli.Auth;

/// <summary>
/// Fetches the function app's default host key from Azure Resource Manager with the admin's own sign-in, so no key has
/// to be copied around: <c>POST {arm}{resourceId}/host/default/listkeys</c>, <c>functionKeys.default</c>.
/// </summary>
internal static class ArmHostKeys
{
    public const string Scope = "https://management.azure.com/.default";
    public const string ApiVersion = "2024-04-01";

    public static async Task<string> GetDefaultKeyAsync(Uri armBaseAddress, TokenCredential credential, string resourceId, CancellationToken cancellationToken)
    {
        if (!resourceId.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase) || resourceId.Contains('?', StringComparison.Ordinal))
        {
            throw new CliUsageException("--function-app must be the function app's ARM resource id: /subscriptions/{id}/resourceGroups/{group}/providers/Microsoft.Web/sites/{name}.");
        }

        var token = await credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken);
        using var http = new HttpClient { BaseAddress = armBaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{resourceId.TrimEnd('/')}/host/default/listkeys?api-version={ApiVersion}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var problem = await ApiProblem.ReadAsync(response, cancellationToken);
            throw new ApiProblemException(problem with { Title = $"Azure Resource Manager refused to list the function app's keys ({(int)response.StatusCode}).", Errors = [] });
        }

        return ReadDefaultKey(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private static string ReadDefaultKey(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.TryGetProperty("functionKeys", out var keys) && keys.ValueKind == JsonValueKind.Object
            && keys.TryGetProperty("default", out var key) && key.ValueKind == JsonValueKind.String)
        {
            return key.GetString()!;
        }

        throw new ApiProblemException("Azure Resource Manager listed no default function key for this app.");
    }
}
