using Submissions.Storage.Exports;

namespace Submissions.Storage.Queues;

/// <summary>A queue message that an export job is to run: its id only, never its range, kind or requester.</summary>
public sealed record ExportJobMessage(string JobId)
{
    public string ToJson() => QueueMessageJson.Serialize(this);

    /// <summary>The message, or null when it is not one this app sends (<see cref="QueueMessageJson.TryParse{T}"/>).</summary>
    public static ExportJobMessage? FromJson(string json) =>
        QueueMessageJson.TryParse<ExportJobMessage>(json, message => ExportJobIds.IsValid(message.JobId));
}
