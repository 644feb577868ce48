using System.Runtime.Serialization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Polls;

/// <summary>
/// The poll itself: RowKey "meta~poll". The poll and its tally shards share the "meta~" range, so reading them is one
/// RowKey range query — an index seek that never touches the voter rows, however many there are.
/// </summary>
public sealed class PollEntity : ITableEntity
{
    public const string MetaPrefix = "meta~";
    public const string PollRowKey = MetaPrefix + "poll";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = PollRowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Question { get; set; } = string.Empty;
    public string OptionsJson { get; set; } = "[]";
    public string Status { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    [IgnoreDataMember]
    public IReadOnlyList<StoredPollOption> Options
    {
        get => JsonSerializer.Deserialize<List<StoredPollOption>>(OptionsJson) ?? [];
        set => OptionsJson = JsonSerializer.Serialize(value);
    }

    internal StoredPoll ToStoredPoll() =>
        new(PartitionKey, Question, Options, Status, CreatedAt, UpdatedAt) { Version = ETag };
}
