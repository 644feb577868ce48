using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Polls;

/// <summary>
/// RowKey meta~published: where a poll created before votes were spread kept its published results. Read only until
/// its first recount copies them onto the poll row, which holds them from then on.
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
