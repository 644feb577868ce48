using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Polls;

/// <summary>
/// RowKey meta~fold in each vote partition: the votes folded from its journal so far, per option id as JSON. It sorts
/// before the journal rows (f &lt; j), so one range query of meta~ reads it first and then what is not folded yet.
/// </summary>
public sealed class FoldedTallyEntity : ITableEntity
{
    public const string FoldRowKey = PollEntity.MetaPrefix + "fold";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = FoldRowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string CountsJson { get; set; } = "{}";

    public DateTimeOffset FoldedAt { get; set; }

    public Dictionary<string, long> ReadCounts() =>
        JsonSerializer.Deserialize<Dictionary<string, long>>(CountsJson) ?? [];
}
