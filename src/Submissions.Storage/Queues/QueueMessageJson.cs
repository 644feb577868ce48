using System.Text.Json;

namespace Submissions.Storage.Queues;

/// <summary>How the app's queue messages are written and read: web-style JSON, ids only.</summary>
public static class QueueMessageJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T message) => JsonSerializer.Serialize(message, Json);

    /// <summary>
    /// The message, or null when it is not one this app sends: not JSON, JSON null, or failing <paramref name="isValid"/>
    /// (its ids, <see cref="QueueMessageIds"/>). No retry can mend such a message, so the caller drops it.
    /// </summary>
    public static T? TryParse<T>(string json, Func<T, bool> isValid)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(isValid);
        try
        {
            return JsonSerializer.Deserialize<T>(json, Json) is { } message && isValid(message) ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
