using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Submissions.Storage.Comments;
using Submissions.Storage.Promotions;

namespace Submissions.Functions.Tests.Exports;

/// <summary>
/// Rows written straight into the app's tables with entity-group transactions (100 per partition at a time): values
/// the forms would refuse (tabs, CRs) and volumes larger than one storage page, in seconds.
/// </summary>
public static class ExportRows
{
    public static CommentEntity Comment(string pageId, DateTimeOffset createdAt, string displayName, string text) => new()
    {
        PartitionKey = pageId,
        RowKey = CommentEntity.NewRowKey(createdAt),
        DisplayName = displayName,
        ShowName = true,
        Text = text,
        Status = "approved",
        ReceiptId = Guid.NewGuid().ToString("N"),
        CreatedAt = createdAt,
    };

    public static PromotionEntryEntity Entry(string promotionId, DateTimeOffset createdAt, string name, IReadOnlyDictionary<string, string> fields)
    {
        var subjectKey = Guid.NewGuid().ToString("N");
        return new()
        {
            PartitionKey = promotionId,
            RowKey = PromotionEntryEntity.RowKeyFor(subjectKey),
            EntryId = Guid.NewGuid().ToString("N"),
            SubjectKey = subjectKey,
            Email = $"entrant.{subjectKey}@example.test",
            Name = name,
            FieldsJson = JsonSerializer.Serialize(fields),
            ReceiptId = Guid.NewGuid().ToString("N"),
            CreatedAt = createdAt,
        };
    }

    /// <summary>Adds the rows, grouped by partition, in transactions of at most 100.</summary>
    public static async Task AddAsync(TableClient table, IEnumerable<ITableEntity> rows)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var partition in rows.GroupBy(row => row.PartitionKey))
        {
            foreach (var chunk in partition.Chunk(100))
            {
                // An upsert, not an add: under load the SDK may retry a batch whose first try landed (a 409 otherwise).
                await table.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), TestContext.Current.CancellationToken);
            }
        }
    }

    public static string Numbered(int i) => i.ToString("D5", CultureInfo.InvariantCulture);
}
