using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Submissions.Domain.Consent;

namespace Submissions.Storage.ConsentLabels;

/// <summary>One label version. Lists are stored comma-joined: ids and field names never contain commas.</summary>
internal sealed class ConsentLabelEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Purpose { get; set; } = string.Empty;
    public string Text { get; set; } = string.Empty;
    public string TextSha256 { get; set; } = string.Empty;
    public bool Required { get; set; }
    public string Forms { get; set; } = string.Empty;
    public string Fields { get; set; } = string.Empty;
    public string? PartnerId { get; set; }
    public string Status { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }

    public static string RowKeyFor(int version) => version.ToString("D10", CultureInfo.InvariantCulture);

    public static ConsentLabelEntity From(ConsentLabel label) => new()
    {
        PartitionKey = label.LabelId,
        RowKey = RowKeyFor(label.Version),
        Purpose = label.Purpose,
        Text = label.Text,
        TextSha256 = label.TextSha256,
        Required = label.Required,
        Forms = string.Join(',', label.Forms),
        Fields = string.Join(',', label.Fields),
        PartnerId = label.PartnerId,
        Status = label.Status,
        CreatedAt = label.CreatedAt,
        RetiredAt = label.RetiredAt,
    };

    public ConsentLabel ToLabel() => new(
        PartitionKey,
        int.Parse(RowKey, NumberStyles.None, CultureInfo.InvariantCulture),
        Purpose,
        Text,
        Required,
        Split(Forms),
        Split(Fields),
        PartnerId,
        Status,
        CreatedAt)
    {
        RetiredAt = RetiredAt,
    };

    private static string[] Split(string joined) => joined.Length == 0 ? [] : joined.Split(',');
}
