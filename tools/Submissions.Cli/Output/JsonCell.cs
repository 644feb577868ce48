using System.Globalization;
using System.Text.Json;

namespace Submissions.Cli.Output;

/// <summary>The text of a scalar JSON value in a table cell; a published count or "suppressed" for a statistics count.</summary>
internal static class JsonCell
{
    public static bool IsScalar(JsonElement value) => value.ValueKind is JsonValueKind.String or JsonValueKind.Number
        or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null;

    public static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => string.Empty,
    };

    public static string Text(JsonElement parent, string property) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(property, out var value) ? Text(value) : string.Empty;

    /// <summary>A statistics Count: <c>{"count":n}</c> or <c>{"suppressed":true}</c> (never the number behind it).</summary>
    public static string Count(JsonElement parent, string property)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(property, out var cell) || cell.ValueKind != JsonValueKind.Object)
        {
            return string.Empty;
        }

        return cell.TryGetProperty("count", out var count) ? count.GetInt64().ToString(CultureInfo.InvariantCulture) : "suppressed";
    }
}
