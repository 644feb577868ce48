using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;

namespace Submissions.Storage.Exports;

/// <summary>
/// The <c>ExportDayIndex</c> table: for each export kind and finished UTC day, one keys-only row per row that day's
/// export reads (PartitionKey <c>{kind}~{yyyy-MM-dd}</c>, RowKey <c>{table}~{partition}~{row key}</c>, the target's
/// table and keys as columns), so a one-day export is one partition query plus point reads of exactly its rows instead
/// of a scan of every row of its kind. Plus one state row (PartitionKey <c>state</c>, RowKey <c>index</c>): the last day
/// indexed. Written by the hourly indexing run (never on a request's path); pointers carry keys, which may be subject
/// keys, never a value, and erasure and retention remove the pointers of the rows they remove.
/// </summary>
public sealed class ExportDayIndexStore(SubmissionsTables tables)
{
    public const string StatePartition = "state";
    public const string StateRowKey = "index";
    private const string TableColumn = "Table";
    private const string PartitionColumn = "TargetPartition";
    private const string RowColumn = "TargetRow";
    private const int ForgetConcurrency = 8;
    private static readonly string[] PointerColumns = [TableColumn, PartitionColumn, RowColumn];

    public static string PartitionOf(string kind, DateOnly day) => kind + "~" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>'~' never occurs in a table name, so the table and the target's keys cannot run into each other's place.</summary>
    public static string RowKeyOf(ExportRowPointer row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Table + "~" + row.PartitionKey + "~" + row.RowKey;
    }

    /// <summary>The last day indexed, or null before the first indexing run: one point read.</summary>
    public async Task<DateOnly?> IndexedThroughAsync(CancellationToken cancellationToken)
    {
        var row = await tables.ExportDayIndex.GetEntityIfExistsAsync<TableEntity>(StatePartition, StateRowKey, cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetString("LastDay") is { } last ? DateOnly.ParseExact(last, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Moves the state on, once every day up to <paramref name="lastDay"/> is indexed.</summary>
    public Task WriteIndexedThroughAsync(DateOnly lastDay, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var state = new TableEntity(StatePartition, StateRowKey)
        {
            ["LastDay"] = lastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["UpdatedAt"] = now,
        };
        return tables.ExportDayIndex.UpsertEntityAsync(state, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Writes the entries: upserts in transactions of up to 100 per day partition, so a run repeated after a crash
    /// writes the same rows again. Returns how many.
    /// </summary>
    public async Task<int> AddAsync(IEnumerable<IndexedExportRow> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var written = 0;
        foreach (var day in entries.GroupBy(entry => PartitionOf(entry.Kind, entry.Day)))
        {
            foreach (var chunk in day.DistinctBy(entry => RowKeyOf(entry.Row)).Chunk(PartitionDeletes.MaxActions))
            {
                await tables.ExportDayIndex.SubmitTransactionAsync(
                    chunk.Select(entry => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(day.Key, entry.Row))), cancellationToken);
                written += chunk.Length;
            }
        }

        return written;
    }

    /// <summary>
    /// Removes the entries of rows that are being removed, on days up to <paramref name="indexedThrough"/> (later days
    /// have none yet); missing entries are no error. One transaction per day partition and 100 entries, up to
    /// <see cref="ForgetConcurrency"/> partitions at a time (a person's year of comments is a year of day partitions).
    /// </summary>
    public async Task ForgetAsync(IEnumerable<IndexedExportRow> entries, DateOnly? indexedThrough, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (indexedThrough is not { } last)
        {
            return;
        }

        var days = entries.Where(entry => entry.Day <= last).GroupBy(entry => PartitionOf(entry.Kind, entry.Day)).ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = ForgetConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(days, options, (day, token) =>
            new ValueTask(PartitionDeletes.DeleteAsync(tables.ExportDayIndex, day.Key, day.Select(entry => RowKeyOf(entry.Row)), token)));
    }

    /// <summary>The rows of one kind's export on one day, a storage page (up to 1,000) at a time, in key order.</summary>
    public async IAsyncEnumerable<IReadOnlyList<ExportRowPointer>> DayAsync(string kind, DateOnly day, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(kind, day)}");
        await foreach (var page in tables.ExportDayIndex.QueryAsync<TableEntity>(filter, select: PointerColumns, cancellationToken: cancellationToken).AsPages())
        {
            yield return [.. page.Values.Select(row => new ExportRowPointer(row.GetString(TableColumn)!, row.GetString(PartitionColumn)!, row.GetString(RowColumn)!))];
        }
    }

    private static TableEntity ToEntity(string partition, ExportRowPointer row) => new(partition, RowKeyOf(row))
    {
        [TableColumn] = row.Table,
        [PartitionColumn] = row.PartitionKey,
        [RowColumn] = row.RowKey,
    };
}
