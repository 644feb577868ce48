using System.Globalization;
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
}

public sealed record StoredPollOption(string OptionId, string Text);

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

/// <summary>
/// RowKey meta~published: the results as last published on the public route — counts per option as JSON and their
/// total. Kept in the meta~ range, so the results read gets it in the same query as the poll and its shards.
/// </summary>
public sealed class PublishedResultsEntity : ITableEntity
{
    public const string PublishedRowKey = PollEntity.MetaPrefix + "published";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = PublishedRowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string CountsJson { get; set; } = "{}";
    public long TotalVotes { get; set; }
    public DateTimeOffset PublishedAt { get; set; }

    public Dictionary<string, long> ReadCounts() =>
        JsonSerializer.Deserialize<Dictionary<string, long>>(CountsJson) ?? [];
}

/// <summary>One row per voter key (voter~t~{token key}, voter~s~{subject key}): its Add is what makes a vote unique.</summary>
public sealed class VoteEntity : ITableEntity
{
    public const string RowKeyPrefix = "voter~";
    public const string SubjectRowKeyPrefix = RowKeyPrefix + "s~";
    public const string TokenRowKeyPrefix = RowKeyPrefix + "t~";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string VoteId { get; set; } = string.Empty;
    public string OptionId { get; set; } = string.Empty;
    public string? SubjectKey { get; set; }

    /// <summary>On the row keyed by the person: the row of the same vote keyed by voter token, if there is one.</summary>
    public string? TokenRowKey { get; set; }

    public string ReceiptId { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The idempotency record stored with the vote, if its request had a key (erasure removes it too).</summary>
    public string? IdempotencyRowKey { get; set; }

    public static string TokenRowKeyFor(string voterKey) => TokenRowKeyPrefix + voterKey;

    public static string SubjectRowKey(string subjectKey) => SubjectRowKeyPrefix + subjectKey;
}
