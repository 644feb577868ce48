using System.Text.Json;

namespace Submissions.Cli.Api;

/// <summary>One field error of a problem: the JSON path, the stable code and the message (never a submitted value).</summary>
internal sealed record FieldError(string Field, string? Code, string Message)
{
    /// <summary>Pairs each message of <c>errors</c> with the code at the same place in <c>codes</c>.</summary>
    public static IReadOnlyList<FieldError> ReadAll(JsonElement problem)
    {
        if (!problem.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        problem.TryGetProperty("codes", out var codes);
        var list = new List<FieldError>();
        foreach (var field in errors.EnumerateObject().Where(field => field.Value.ValueKind == JsonValueKind.Array))
        {
            var fieldCodes = codes.ValueKind == JsonValueKind.Object && codes.TryGetProperty(field.Name, out var found) && found.ValueKind == JsonValueKind.Array
                ? found.EnumerateArray().Select(code => code.GetString()).ToList()
                : [];
            var index = 0;
            foreach (var message in field.Value.EnumerateArray())
            {
                list.Add(new FieldError(field.Name, index < fieldCodes.Count ? fieldCodes[index] : null, message.GetString() ?? string.Empty));
                index++;
            }
        }

        return list;
    }
}
