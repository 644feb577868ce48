namespace Submissions.Storage.Queues;

/// <summary>A queue message that a notice is owed to a partner: ids only, never personal data or a subject key.</summary>
public sealed record PartnerNoticeMessage(string PartnerId, string NoticeId)
{
    public string ToJson() => QueueMessageJson.Serialize(this);

    /// <summary>The message, or null when it is not one this app sends (<see cref="QueueMessageJson.TryParse{T}"/>).</summary>
    public static PartnerNoticeMessage? FromJson(string json) =>
        QueueMessageJson.TryParse<PartnerNoticeMessage>(json, message => QueueMessageIds.AreValid(message.PartnerId, message.NoticeId));
}
