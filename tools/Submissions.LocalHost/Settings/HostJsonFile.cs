using System.Globalization;
using System.Text.Json;

namespace Submissions.LocalHost.Settings;

/// <summary>
/// The parts of host.json the Functions host applies to this app: the HTTP route prefix, the queue trigger's settings
/// and the log levels. Read from the app's build output, which carries the repository's host.json.
/// </summary>
internal sealed record HostJsonFile(string RoutePrefix, QueueTriggerOptions Queues, IReadOnlyDictionary<string, LogLevel> LogLevels)
{
    public const string FileName = "host.json";

    /// <summary>
    /// The host.json settings the local host applies (paths, a prefix covering what is below it). Any other setting
    /// in host.json is a difference from the Functions host, and docs/local-development.md lists it (a test checks).
    /// </summary>
    public static IReadOnlyList<string> Honoured { get; } =
    [
        "extensions.http.routePrefix",
        "extensions.queues.batchSize",
        "extensions.queues.newBatchThreshold",
        "extensions.queues.maxDequeueCount",
        "extensions.queues.visibilityTimeout",
        "extensions.queues.maxPollingInterval",
        "extensions.queues.messageEncoding",
        "logging.logLevel",
    ];

    public static HostJsonFile Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;
        var extensions = root.TryGetProperty("extensions", out var found) ? found : default;
        var routePrefix = Find(extensions, "http", "routePrefix")?.GetString() ?? "api";
        var queues = new QueueTriggerOptions(
            Find(extensions, "queues", "batchSize")?.GetInt32() ?? 16,
            Find(extensions, "queues", "newBatchThreshold")?.GetInt32() ?? -1,
            Find(extensions, "queues", "maxDequeueCount")?.GetInt32() ?? 5,
            Duration(Find(extensions, "queues", "visibilityTimeout")) ?? TimeSpan.Zero,
            Duration(Find(extensions, "queues", "maxPollingInterval")) ?? TimeSpan.FromMinutes(1),
            !string.Equals(Find(extensions, "queues", "messageEncoding")?.GetString(), "none", StringComparison.OrdinalIgnoreCase));

        // The host's default threshold is half the batch size (times the processor count, which one local process ignores).
        queues = queues.NewBatchThreshold < 0 ? queues with { NewBatchThreshold = queues.BatchSize / 2 } : queues;
        return new HostJsonFile(routePrefix.Trim('/'), queues, LogLevelsOf(root));
    }

    private static Dictionary<string, LogLevel> LogLevelsOf(JsonElement root)
    {
        var levels = new Dictionary<string, LogLevel>(StringComparer.OrdinalIgnoreCase);
        if (Find(root, "logging", "logLevel") is { ValueKind: JsonValueKind.Object } logLevel)
        {
            foreach (var category in logLevel.EnumerateObject())
            {
                levels[category.Name] = Enum.Parse<LogLevel>(category.Value.GetString()!, ignoreCase: true);
            }
        }

        return levels;
    }

    private static JsonElement? Find(JsonElement element, string section, string property) =>
        element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty(section, out var inner) && inner.ValueKind == JsonValueKind.Object
            && inner.TryGetProperty(property, out var value)
            ? value
            : null;

    private static TimeSpan? Duration(JsonElement? value) =>
        value?.GetString() is { } text ? TimeSpan.Parse(text, CultureInfo.InvariantCulture) : null;
}
