using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Polls;

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

    internal PublishedPollResults ToPublished() => new(ReadCounts(), TotalVotes, PublishedAt) { Version = ETag };
}
