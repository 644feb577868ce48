using System.Net.Http.Headers;
using System.Text.Json;

namespace Submissions.Cli.Api;

/// <summary>
/// An error answer of the API: its RFC 9457 problem (title, detail, field errors with their stable codes), or what
/// the status alone says when the host answered with an empty body (a refused function key is an empty 401).
/// </summary>
internal sealed record ApiProblem(
    int Status,
    string? Type,
    string Title,
    string? Detail,
    IReadOnlyList<FieldError> Errors,
    string? TraceId)
{
    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (IsJson(response.Content.Headers.ContentType) && TryParse(body, status) is { } problem)
        {
            return problem;
        }

        return new ApiProblem(status, null, DescribeEmpty(status), null, [], null);
    }

    private static bool IsJson(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is { } media && (media.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static ApiProblem? TryParse(string body, int status)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new ApiProblem(
                status,
                Text(root, "type"),
                Text(root, "title") ?? DescribeEmpty(status),
                Text(root, "detail"),
                FieldError.ReadAll(root),
                Text(root, "traceId"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The host's own answers carry no body (docs/openapi.yaml, "Unauthorized"; platform notes).</summary>
    private static string DescribeEmpty(int status) => status switch
    {
        401 => "The function key was refused or missing (the host answered 401). Check --key, --keys-file or --function-app.",
        403 => "Not allowed: the signed-in account lacks the admin role.",
        404 => "Not found (no such item, or no such route on this server: check --url).",
        429 => "Too many requests; try again later.",
        >= 500 => $"The server failed ({status}); try again later.",
        _ => $"The request failed with status {status}.",
    };
}
