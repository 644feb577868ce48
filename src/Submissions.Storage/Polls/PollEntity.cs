using System.Runtime.Serialization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Polls;

/// <summary>
/// The poll itself: RowKey "meta~poll" in the poll's own partition. Besides the definition it carries the poll's vote
/// totals as last recounted from its vote partitions and the results as last published, so an uncached results read
/// is this one point read. Votes never write it; a recount and an admin's save do, each under its ETag.
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

    /// <summary>
    /// How many vote partitions the poll's votes are spread over. Absent on a poll created before votes were spread: its
    /// earlier votes stay in its own partition (voter rows, meta~tally~NN shards) and are still counted and checked.
    /// </summary>
    public int? VotePartitions { get; set; }

    /// <summary>The live totals per option id as JSON, as of <see cref="TotalsAt"/>.</summary>
    public string? TotalsJson { get; set; }

    public DateTimeOffset? TotalsAt { get; set; }

    /// <summary>When a results read last took on the recount, so other instances leave it to that one for a period.</summary>
    public DateTimeOffset? RecountClaimedAt { get; set; }

    /// <summary>The published results (counts per option id as JSON), their total and when they were published.</summary>
    public string? PublishedCountsJson { get; set; }

    public long? PublishedTotalVotes { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    [IgnoreDataMember]
    public IReadOnlyList<StoredPollOption> Options
    {
        get => JsonSerializer.Deserialize<List<StoredPollOption>>(OptionsJson) ?? [];
        set => OptionsJson = JsonSerializer.Serialize(value);
    }

    internal StoredPoll ToStoredPoll() =>
        new(PartitionKey, Question, Options, Status, CreatedAt, UpdatedAt)
        {
            Version = ETag,
            VotePartitions = VotePartitions ?? Polls.VotePartitions.Count,
            HasLegacyVotes = VotePartitions is null,
            Totals = TotalsJson is null ? null : new RecountedVotes(ReadCounts(TotalsJson), TotalsAt ?? default),
            RecountClaimedAt = RecountClaimedAt,
            Published = PublishedAt is { } publishedAt
                ? new PublishedPollResults(ReadCounts(PublishedCountsJson), PublishedTotalVotes ?? 0, publishedAt) { Version = ETag }
                : null,
        };

    private static Dictionary<string, long> ReadCounts(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, long>>(json) ?? [];
}
