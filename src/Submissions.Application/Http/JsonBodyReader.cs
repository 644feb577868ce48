using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Submissions.Domain.Validation;

namespace Submissions.Application.Http;

/// <summary>
/// Reads a JSON request body under a size limit. Wrong media type → 415, too large → 413 (checked on the declared
/// length and again while reading, for chunked bodies), empty, not UTF-8 or malformed → 400 naming the JSON path, never
/// the value.
/// </summary>
public static partial class JsonBodyReader
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

        if (await ReadAtMostAsync(request.Body, maxBytes, cancellationToken) is not { } buffer)
        {
            return Fail<T>(Problems.PayloadTooLarge(maxBytes));
        }

        if (buffer.WrittenCount == 0)
        {
            return Fail<T>(Problems.MalformedBody("The request body is empty.", "Send a JSON object."));
        }

        // Some clients prefix UTF-8 with a byte-order mark; the JSON reader does not accept one.
        var json = buffer.WrittenMemory;
        if (json.Span.StartsWith(Utf8ByteOrderMark))
        {
            json = json[Utf8ByteOrderMark.Length..];
        }

        // The JSON reader checks UTF-8 only where it decodes text: a property it skips (unknown, or a known name spoilt by
        // a stray byte) would let a body that is not UTF-8, so not JSON, be accepted.
        if (!Utf8.IsValid(json.Span))
        {
            return Fail<T>(Problems.MalformedBody("The request body is not valid JSON for this form.", "The body is not valid UTF-8."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(json.Span, ApiJson.Options);
            if (value is null)
            {
                return Fail<T>(Problems.MalformedBody("The request body must be a JSON object."));
            }

            return FirstRefusedNull<T>(json.Span) is { } field
                ? Fail<T>(Problems.ValidationFailed(field, $"'{field}' must be a value or left out: null is not accepted here.", FieldErrorCodes.NullNotAllowed))
                : new JsonBody<T>(value, json, null);
        }
        catch (JsonException ex)
        {
            // The exception message can quote input, and so can a path through property names the client invented:
            // only a path made of the form's own property names and indexes is returned.
            var where = ex.Path is { Length: > 1 } path && IsFormPath<T>(path) ? $" at '{path}'." : ".";
            return Fail<T>(Problems.MalformedBody("The request body is not valid JSON for this form.", "Malformed JSON, a duplicate property or a value of the wrong type" + where));
        }
    }

    /// <summary>The body's bytes; null as soon as they exceed <paramref name="maxBytes"/> (a chunked body declares no length).</summary>
    private static async Task<ArrayBufferWriter<byte>?> ReadAtMostAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Min(maxBytes + 1, 4096));
        while (true)
        {
            var read = await body.ReadAsync(buffer.GetMemory(4096), cancellationToken);
            if (read == 0)
            {
                return buffer;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// The first top-level property sent as JSON null although the type marks it <see cref="RefuseNullAttribute"/>:
    /// the deserializer cannot tell such a null from an absent property, this scan of the (already valid) body can.
    /// </summary>
    private static string? FirstRefusedNull<T>(ReadOnlySpan<byte> json)
    {
        if (RefusedNullProperties<T>.Names.Count == 0)
        {
            return null;
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = ApiJson.Options.MaxDepth });
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null && RefusedNullProperties<T>.Names.Contains(name))
                {
                    return name;
                }

                reader.TrySkip();
            }
        }

        return null;
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

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private static bool IsFormPath<T>(string path)
    {
        var match = JsonPathSegments().Match(path);
        return match.Success && match.Groups["name"].Captures.All(name => FormPropertyNames<T>.All.Contains(name.Value));
    }

    [GeneratedRegex(@"^\$(\.(?<name>[A-Za-z][A-Za-z0-9]{0,63})|\[[0-9]{1,6}\])*\z", RegexOptions.CultureInvariant)]
    private static partial Regex JsonPathSegments();

    /// <summary>Every JSON property name of a request type and the types nested in it, by serializer metadata.</summary>
    private static class FormPropertyNames<T>
    {
        public static readonly HashSet<string> All = Collect(typeof(T), [], []);

        private static HashSet<string> Collect(Type type, HashSet<string> names, HashSet<Type> visited)
        {
            var info = ApiJson.Options.GetTypeInfo(type);
            if (!visited.Add(type))
            {
                return names;
            }

            if (info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } element)
            {
                return Collect(element, names, visited);
            }

            if (info.Kind == JsonTypeInfoKind.Object)
            {
                foreach (var property in info.Properties)
                {
                    names.Add(property.Name);
                    Collect(property.PropertyType, names, visited);
                }
            }

            return names;
        }
    }

    /// <summary>The JSON names of a request type's properties marked <see cref="RefuseNullAttribute"/>.</summary>
    private static class RefusedNullProperties<T>
    {
        // Case-insensitive, as the serializer matches property names.
        public static readonly HashSet<string> Names = new(
            ApiJson.Options.GetTypeInfo(typeof(T)).Properties
                .Where(property => property.AttributeProvider?.IsDefined(typeof(RefuseNullAttribute), inherit: true) == true)
                .Select(property => property.Name),
            StringComparer.OrdinalIgnoreCase);
    }

    private static JsonBody<T> Fail<T>(ApiResult problem)
        where T : class => new(null, ReadOnlyMemory<byte>.Empty, problem);
}
