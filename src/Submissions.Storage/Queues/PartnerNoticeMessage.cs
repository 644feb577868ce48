using System.Text.Json;

namespace Submissions.Storage.Queues;

/// <summary>A queue message that a notice is owed to a partner: ids only, never personal data or a subject key.</summary>
public sealed record PartnerNoticeMessage(string PartnerId, string NoticeId)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The message, or null when it is not one this app sends: not JSON, or without usable ids (<see cref="QueueMessageIds"/>).</summary>
    public static PartnerNoticeMessage? FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<PartnerNoticeMessage>(json, Json) is { } message && QueueMessageIds.AreValid(message.PartnerId, message.NoticeId)
                ? message
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
