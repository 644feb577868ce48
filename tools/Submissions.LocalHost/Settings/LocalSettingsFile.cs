using System.Text.Json;

namespace Submissions.LocalHost.Settings;

/// <summary>
/// local.settings.json as Core Tools reads it: its Values are the app's settings, and Host.LocalHttpPort the port.
/// </summary>
internal sealed record LocalSettingsFile(IReadOnlyDictionary<string, string> Values, int? LocalHttpPort)
{
    public static LocalSettingsFile Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;
        var values = root.TryGetProperty(nameof(Values), out var found) && found.ValueKind == JsonValueKind.Object
            ? found.EnumerateObject().ToDictionary(value => value.Name, value => value.Value.ToString(), StringComparer.Ordinal)
            : [];
        int? port = root.TryGetProperty("Host", out var host) && host.TryGetProperty(nameof(LocalHttpPort), out var localPort) ? localPort.GetInt32() : null;
        return new LocalSettingsFile(values, port);
    }
}
