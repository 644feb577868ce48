using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Submissions.Application.Http;

/// <summary>The result of reading a JSON body: the value and its raw bytes, or the problem to answer with.</summary>
public sealed record JsonBody<T>(T? Value, ReadOnlyMemory<byte> Bytes, ApiResult? Problem)
    where T : class;

/// <summary>
/// Reads a JSON request body under a size limit. Wrong media type → 415, too large → 413 (checked on the declared
/// length and again while reading, for chunked bodies), empty or malformed → 400 naming the JSON path, never the value.
/// </summary>
public static class JsonBodyReader
{
    public static async Task<JsonBody<T>> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsJson(request.ContentType))
        {
            return Fail<T>(Problems.UnsupportedMediaType());
        }

        if (request.ContentLength > maxBytes)
        {
            return Fail<T>(Problems.PayloadTooLarge(maxBytes));
        }

        var buffer = new ArrayBufferWriter<byte>(Math.Min(maxBytes + 1, 4096));
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(4096), cancellationToken);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return Fail<T>(Problems.PayloadTooLarge(maxBytes));
            }
        }

        if (buffer.WrittenCount == 0)
        {
            return Fail<T>(Problems.BadRequest("The request body is empty.", "Send a JSON object."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.WrittenSpan, ApiJson.Options);
            return value is null
                ? Fail<T>(Problems.BadRequest("The request body must be a JSON object."))
                : new JsonBody<T>(value, buffer.WrittenMemory, null);
        }
        catch (JsonException ex)
        {
            // The exception message can quote input; only the path is safe to return.
            var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "." : $" at '{ex.Path}'.";
            return Fail<T>(Problems.BadRequest("The request body is not valid JSON for this form.", "Malformed JSON, a duplicate property or a value of the wrong type" + where));
        }
    }

    private static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return false;
        }

        var isJson = mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);
        var charset = mediaType.Charset;
        return isJson && (!charset.HasValue || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
    }

    private static JsonBody<T> Fail<T>(ApiResult problem)
        where T : class => new(null, ReadOnlyMemory<byte>.Empty, problem);
}
