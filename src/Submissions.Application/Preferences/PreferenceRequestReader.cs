using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Submissions.Application.Http;
using Submissions.Domain.Validation;

namespace Submissions.Application.Preferences;

/// <summary>
/// Reads a change to the preference centre: the page's form (<c>application/x-www-form-urlencoded</c>, a
/// <see cref="PreferencePage.ShownField"/> per box offered, a <see cref="PreferencePage.GrantedField"/> per ticked box)
/// or a script's JSON (<see cref="PreferenceChangeRequest"/>), as label id → granted. Same limits as a form body.
/// </summary>
public static class PreferenceRequestReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<(IReadOnlyDictionary<string, bool>? Wanted, ApiResult? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (IsForm(request.ContentType))
        {
            return await ReadFormAsync(request, maxBytes, cancellationToken);
        }

        var body = await JsonBodyReader.ReadAsync<PreferenceChangeRequest>(request, maxBytes, cancellationToken);
        if (body.Problem is not null)
        {
            return (null, body.Problem);
        }

        return body.Value!.Labels is { } labels
            ? (labels, null)
            : (null, Problems.ValidationFailed("labels", "'labels' is required: an object of label id to true (give) or false (withdraw).", FieldErrorCodes.Required));
    }

    private static async Task<(IReadOnlyDictionary<string, bool>? Wanted, ApiResult? Problem)> ReadFormAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, Problems.PayloadTooLarge(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return (null, Problems.PayloadTooLarge(maxBytes));
            }
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            return (null, Problems.MalformedBody("The request body is not a valid form.", "The body is not valid UTF-8."));
        }

        var fields = QueryHelpers.ParseQuery(text);
        var ticked = fields.TryGetValue(PreferencePage.GrantedField, out var grantedValues) ? grantedValues.OfType<string>().ToHashSet(StringComparer.Ordinal) : [];
        var wanted = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var labelId in (fields.TryGetValue(PreferencePage.ShownField, out var shown) ? shown.OfType<string>() : []).Concat(ticked))
        {
            wanted[labelId] = ticked.Contains(labelId);
        }

        return (wanted, null);
    }

    private static bool IsForm(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
}
