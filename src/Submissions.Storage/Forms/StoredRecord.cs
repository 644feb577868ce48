namespace Submissions.Storage.Forms;

/// <summary>
/// One stored record row as a form's Application part sees it: where it lives and its columns, read with typed
/// getters, no storage SDK type in sight. The columns every form's record row may carry, by convention, have names
/// here; erasure follows them to the rows written with the record.
/// </summary>
public sealed class StoredRecord
{
    /// <summary>The consent receipt written with the record (its receipt~ row in the same partition).</summary>
    public const string ReceiptIdColumn = "ReceiptId";

    /// <summary>The idempotency row stored with the record, if its request had a key.</summary>
    public const string IdempotencyColumn = "IdempotencyRowKey";

    /// <summary>The delivery owed for the record (its outbox row and any dead letter), if one is.</summary>
    public const string DeliveryIdColumn = "DeliveryId";

    /// <summary>The confirmation that made the record take effect (its confirmation~ row, and its pointer), if one did.</summary>
    public const string ConfirmationIdColumn = "ConfirmationId";

    /// <summary>A row kept, emptied, when the record is erased: what its key does still matters (a voter token's vote).</summary>
    public const string BareMarkerColumn = "TokenRowKey";

    /// <summary>When the record was created: what subject access orders a form's records by.</summary>
    public const string CreatedAtColumn = "CreatedAt";

    private readonly IReadOnlyDictionary<string, object?> columns;

    internal StoredRecord(string table, string partition, string key, IReadOnlyDictionary<string, object?> columns)
    {
        Table = table;
        Partition = partition;
        Key = key;
        this.columns = columns;
    }

    /// <summary>The table's name without the deployment prefix.</summary>
    public string Table { get; }

    /// <summary>The partition it lives in: a page, poll or promotion id, or the person's own key.</summary>
    public string Partition { get; }

    /// <summary>Its key within the partition.</summary>
    public string Key { get; }

    public IEnumerable<string> ColumnNames => columns.Keys;

    public string? ReceiptId => GetString(ReceiptIdColumn);

    public string? DeliveryId => GetString(DeliveryIdColumn);

    public DateTimeOffset? CreatedAt => GetDateTimeOffset(CreatedAtColumn);

    public string? GetString(string column) => Get<string>(column);

    public bool? GetBoolean(string column) => columns.TryGetValue(column, out var value) && value is bool flag ? flag : null;

    public int? GetInt32(string column) => columns.TryGetValue(column, out var value) && value is int number ? number : null;

    public long? GetInt64(string column) => columns.TryGetValue(column, out var value) ? value switch
    {
        long number => number,
        int number => number,
        _ => null,
    } : null;

    public double? GetDouble(string column) => columns.TryGetValue(column, out var value) && value is double number ? number : null;

    public DateTimeOffset? GetDateTimeOffset(string column) => columns.TryGetValue(column, out var value) ? value switch
    {
        DateTimeOffset time => time,
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        _ => null,
    } : null;

    public bool Has(string column) => columns.ContainsKey(column);

    private T? Get<T>(string column)
        where T : class => columns.TryGetValue(column, out var value) ? value as T : null;
}
