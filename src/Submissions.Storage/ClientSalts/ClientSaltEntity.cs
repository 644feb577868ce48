using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.ClientSalts;

/// <summary>One UTC day's random salt for client-address keys (PartitionKey "day", RowKey = yyyy-MM-dd).</summary>
public sealed class ClientSaltEntity : ITableEntity
{
    public const string Partition = "day";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public byte[] Salt { get; set; } = [];
}
