using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Polls;

/// <summary>
/// One of the <see cref="PollStore.TallyShards"/> counters of a poll created before votes were spread: RowKey
/// meta~tally~NN in the poll's own partition, counts per option id as JSON. No vote writes them any more; a recount
/// still adds them up, so the votes they hold stay counted.
/// </summary>
public sealed class TallyShardEntity : ITableEntity
{
    public const string RowKeyPrefix = PollEntity.MetaPrefix + "tally~";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string CountsJson { get; set; } = "{}";

    public static string RowKeyFor(int shard) => RowKeyPrefix + shard.ToString("D2", CultureInfo.InvariantCulture);

    public Dictionary<string, long> ReadCounts() =>
        JsonSerializer.Deserialize<Dictionary<string, long>>(CountsJson) ?? [];
}
