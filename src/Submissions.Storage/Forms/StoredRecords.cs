using Azure.Data.Tables;

namespace Submissions.Storage.Forms;

/// <summary>Turns a row as the SDK read it into a <see cref="StoredRecord"/>: its keys apart, its columns copied.</summary>
internal static class StoredRecords
{
    private static readonly HashSet<string> SystemColumns = new(StringComparer.Ordinal) { "PartitionKey", "RowKey", "Timestamp", "odata.etag" };

    public static StoredRecord From(string table, TableEntity row) =>
        new(table, row.PartitionKey, row.RowKey, row.Where(pair => !SystemColumns.Contains(pair.Key)).ToDictionary(pair => pair.Key, pair => (object?)pair.Value, StringComparer.Ordinal));
}
