using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Polls;

/// <summary>
/// One of <see cref="PollStore.TallyShards"/> counters: RowKey meta~tally~NN, counts per option id as JSON. A vote updates
/// one shard, chosen at random, in the same transaction as the vote row; results add up the shards.
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
