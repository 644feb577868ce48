using System.Text.Json;

namespace Submissions.Storage.Queues;

/// <summary>A queue message that a notice is owed to a partner: ids only, never personal data or a subject key.</summary>
public sealed record PartnerNoticeMessage(string PartnerId, string NoticeId)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PartnerNoticeMessage? FromJson(string json) => JsonSerializer.Deserialize<PartnerNoticeMessage>(json, Json);
}
