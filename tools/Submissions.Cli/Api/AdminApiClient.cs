using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Submissions.Cli.Api;

/// <summary>
/// The manage API over HTTP: JSON in and out, every error answer turned into an <see cref="ApiProblemException"/>.
/// The HttpClient carries the function key and bearer token (<see cref="Auth.AdminRequestHandler"/>).
/// </summary>
internal sealed class AdminApiClient(HttpClient http) : IDisposable
{
    /// <summary>The API's base address (--url), which an export's resume state is bound to.</summary>
    public Uri BaseAddress => http.BaseAddress!;

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) =>
        SendJsonAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<JsonElement> PostAsync(string path, object? body, CancellationToken cancellationToken) =>
        SendJsonAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent(JsonSerializer.Serialize(body)) }, cancellationToken);

    public Task<JsonElement> PutAsync(string path, string json, CancellationToken cancellationToken) =>
        SendJsonAsync(new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent(json) }, cancellationToken);

    /// <summary>Every item of a paged list, following <c>continuationToken</c> until the last page.</summary>
    public async IAsyncEnumerable<JsonElement> GetAllPagesAsync(string path, string itemsProperty, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var page = await GetAsync(token is null ? path : $"{path}{separator}continuationToken={Uri.EscapeDataString(token)}", cancellationToken);
            if (page.TryGetProperty(itemsProperty, out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    yield return item;
                }
            }

            token = page.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (!string.IsNullOrEmpty(token));
    }

    /// <summary>Sends a GET whose body the caller streams; an error answer throws before any byte is read.</summary>
    public async Task<HttpResponseMessage> GetStreamAsync(string path, CancellationToken cancellationToken)
    {
        var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw new ApiProblemException(await ApiProblem.ReadAsync(response, cancellationToken));
        }
    }

    /// <summary>The JSON answer of a request the caller reads raw (an accepted 202 body, say).</summary>
    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public void Dispose() => http.Dispose();

    private static StringContent JsonContent(string json) =>
        new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private async Task<JsonElement> SendJsonAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new ApiProblemException(await ApiProblem.ReadAsync(response, cancellationToken));
            }

            return await ReadJsonAsync(response, cancellationToken);
        }
    }
}
