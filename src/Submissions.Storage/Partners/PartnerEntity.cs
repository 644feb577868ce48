using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Partners;

/// <summary>A partner: RowKey "partner". Its signing secret is configuration, never a column.</summary>
public sealed class PartnerEntity : ITableEntity
{
    public const string PartnerRowKey = "partner";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = PartnerRowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Name { get; set; } = string.Empty;
    public string WebhookUrl { get; set; } = string.Empty;

    /// <summary>Comma-joined field names the partner may receive: the allow-list every payload is cut to.</summary>
    public string Fields { get; set; } = string.Empty;

    public bool Active { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    [IgnoreDataMember]
    public IReadOnlyList<string> FieldList => Fields.Length == 0 ? [] : Fields.Split(',');
}
