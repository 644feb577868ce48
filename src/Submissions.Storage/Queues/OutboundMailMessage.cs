using Submissions.Storage.Confirmations;

namespace Submissions.Storage.Queues;

/// <summary>
/// A queue message that a mail is owed: its kind (<c>confirmation</c>, …) and the id of the row that owes it — never
/// an address or a name. A confirmation id names where its pending row is (<see cref="ConfirmationIds"/>): for a
/// registration, the person's subject key (the pseudonymous key the product already uses in table keys and queue
/// messages). The sender reads the address from that row when it sends, so an erased person gets no mail.
/// </summary>
public sealed record OutboundMailMessage(string Kind, string Id)
{
    public string ToJson() => QueueMessageJson.Serialize(this);

    /// <summary>The message, or null when it is not one this app sends (<see cref="QueueMessageJson.TryParse{T}"/>).</summary>
    public static OutboundMailMessage? FromJson(string json) =>
        QueueMessageJson.TryParse<OutboundMailMessage>(json, message => QueueMessageIds.AreValid(message.Kind, message.Id, ConfirmationIds.MaxLength));
}
