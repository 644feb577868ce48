using System.Text.Json;

namespace Submissions.LocalHost.Metadata;

/// <summary>
/// Reads the functions.metadata the Functions worker SDK generates at build time — the same file the Functions host
/// reads to know the app's functions. The local host derives every route, queue and timer from it; it keeps no list
/// of its own.
/// </summary>
internal static class FunctionsMetadataFile
{
    public const string FileName = "functions.metadata";

    public static IReadOnlyList<FunctionEntry> Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return [.. document.RootElement.EnumerateArray().Select(Read)];
    }

    private static FunctionEntry Read(JsonElement function)
    {
        var name = Text(function, "name");
        var trigger = function.GetProperty("bindings").EnumerateArray()
            .Where(binding => Text(binding, "direction").Equals("In", StringComparison.OrdinalIgnoreCase)
                && Text(binding, "type").EndsWith("Trigger", StringComparison.OrdinalIgnoreCase))
            .Select(binding => ReadTrigger(name, binding))
            .SingleOrDefault() ?? throw new InvalidDataException($"Function {name} in {FileName} has no trigger binding.");
        return new FunctionEntry(name, Text(function, "scriptFile"), Text(function, "entryPoint"), trigger);
    }

    private static FunctionTrigger ReadTrigger(string function, JsonElement binding)
    {
        var parameter = Text(binding, "name");
        return Text(binding, "type").ToUpperInvariant() switch
        {
            "HTTPTRIGGER" => new HttpTrigger(
                parameter,
                binding.TryGetProperty("route", out var route) ? route.GetString() ?? function : function,
                binding.TryGetProperty("methods", out var methods) ? [.. methods.EnumerateArray().Select(method => method.GetString()!.ToUpperInvariant())] : [],
                Enum.Parse<FunctionAuthorizationLevel>(Text(binding, "authLevel"), ignoreCase: true)),
            "QUEUETRIGGER" => new QueueTrigger(parameter, Text(binding, "queueName"), binding.TryGetProperty("connection", out var connection) ? connection.GetString()! : "AzureWebJobsStorage"),
            "TIMERTRIGGER" => new TimerTrigger(parameter, Text(binding, "schedule"), binding.TryGetProperty("runOnStartup", out var startup) && startup.GetBoolean()),
            var other => throw new InvalidDataException($"Function {function} uses a {other} trigger, which the local host does not run."),
        };
    }

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.GetString() is { } text
            ? text
            : throw new InvalidDataException($"An entry of {FileName} lacks '{property}'.");
}
