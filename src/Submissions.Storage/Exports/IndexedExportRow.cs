namespace Submissions.Storage.Exports;

/// <summary>One entry of the export day index: the row <see cref="Row"/> belongs to the export of <see cref="Kind"/> on <see cref="Day"/> (UTC).</summary>
public sealed record IndexedExportRow(string Kind, DateOnly Day, ExportRowPointer Row)
{
    /// <summary>The entry of a row stamped at <paramref name="stampedAt"/>: its UTC day.</summary>
    public static IndexedExportRow Of(string kind, DateTimeOffset stampedAt, string table, string partitionKey, string rowKey) =>
        new(kind, DateOnly.FromDateTime(stampedAt.UtcDateTime), new ExportRowPointer(table, partitionKey, rowKey));
}
