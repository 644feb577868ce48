namespace Submissions.Storage.Queues;

/// <summary>
/// A queue message that a mail is owed: its kind (<c>confirmation</c>, …) and the id of the row that owes it — never
/// an address, a name or a subject key. The sender reads the address from that row when it sends, so an erased person
/// gets no mail.
/// </summary>
public sealed record OutboundMailMessage(string Kind, string Id)
{
    public string ToJson() => QueueMessageJson.Serialize(this);

    /// <summary>The message, or null when it is not one this app sends (<see cref="QueueMessageJson.TryParse{T}"/>).</summary>
    public static OutboundMailMessage? FromJson(string json) =>
        QueueMessageJson.TryParse<OutboundMailMessage>(json, message => QueueMessageIds.AreValid(message.Kind, message.Id));
}
