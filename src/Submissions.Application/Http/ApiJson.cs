using System.Text.Json;
using System.Text.Json.Serialization;

namespace Submissions.Application.Http;

/// <summary>The one JSON configuration for requests and responses: camelCase, strict, and bounded.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // A body with "granted" twice must not be read as whichever value came last.
            AllowDuplicateProperties = false,
            NumberHandling = JsonNumberHandling.Strict,
            MaxDepth = 16,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
