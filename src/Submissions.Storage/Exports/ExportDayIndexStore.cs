using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;

namespace Submissions.Storage.Exports;

/// <summary>
/// The <c>ExportDayIndex</c> table: for each export kind and finished UTC day, one keys-only row per row that day's
/// export reads (PartitionKey <c>{kind}~{yyyy-MM-dd}</c>, RowKey <c>{table}~{partition length}~{partition}~{row key}</c>,
/// the target's table and keys as columns), so a one-day export is one partition query plus point reads of exactly its
/// rows instead of a scan of every row of its kind. Plus one state row (PartitionKey <c>state</c>, RowKey <c>index</c>,
/// <see cref="ExportIndexState"/>). Written by the hourly indexing run (never on a request's path); pointers carry keys,
/// which may be subject keys, never a value, and erasure and retention remove the pointers of the rows they remove.
/// </summary>
public sealed class ExportDayIndexStore(SubmissionsTables tables)
{
    public const string StatePartition = "state";
    public const string StateRowKey = "index";
    private const string TableColumn = "Table";
    private const string PartitionColumn = "TargetPartition";
    private const string RowColumn = "TargetRow";
    private const int Concurrency = 8;
    private static readonly string[] PointerColumns = [TableColumn, PartitionColumn, RowColumn];

    public static string PartitionOf(string kind, DateOnly day) => kind + "~" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// '~' never occurs in a table name, and the partition's length fixes where it ends, so no two targets share a key
    /// whatever '~'s their keys hold.
    /// </summary>
    public static string RowKeyOf(ExportRowPointer row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return string.Create(CultureInfo.InvariantCulture, $"{row.Table}~{row.PartitionKey.Length:D4}~{row.PartitionKey}~{row.RowKey}");
    }

    /// <summary>The last day fully indexed, or null before the first run finished: one point read.</summary>
    public async Task<DateOnly?> IndexedThroughAsync(CancellationToken cancellationToken) => (await ReadStateAsync(cancellationToken)).LastDay;

    /// <summary>The state: one point read (nothing indexed before the first run).</summary>
    public async Task<ExportIndexState> ReadStateAsync(CancellationToken cancellationToken)
    {
        var row = await tables.ExportDayIndex.GetEntityIfExistsAsync<TableEntity>(StatePartition, StateRowKey, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } state)
        {
            return new ExportIndexState(null, null, ExportIndexCursor.Start);
        }

        return new ExportIndexState(
            Day(state.GetString("LastDay")),
            Day(state.GetString("WritingThrough")),
            new ExportIndexCursor(state.GetInt32("Scan") ?? 0, state.GetString("Continuation"), state.GetString("ScanName")));
    }

    /// <summary>Writes the state: before a run writes pointers (its target and cursor), after each page, and at its end.</summary>
    public Task WriteStateAsync(ExportIndexState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var row = new TableEntity(StatePartition, StateRowKey) { ["UpdatedAt"] = now, ["Scan"] = state.Cursor.Scan };
        row["LastDay"] = state.LastDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        row["WritingThrough"] = state.WritingThrough?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        row["Continuation"] = state.Cursor.Continuation;
        row["ScanName"] = state.Cursor.ScanName;
        return tables.ExportDayIndex.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Writes the entries: upserts in transactions of up to 100 per day partition, <see cref="Concurrency"/> at a time,
    /// so a run repeated after a crash writes the same rows again. Returns how many.
    /// </summary>
    public async Task<int> AddAsync(IEnumerable<IndexedExportRow> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var batches = entries
            .GroupBy(entry => PartitionOf(entry.Kind, entry.Day))
            .SelectMany(day => day.DistinctBy(entry => RowKeyOf(entry.Row)).Chunk(PartitionDeletes.MaxActions).Select(chunk => (Partition: day.Key, Chunk: chunk)))
            .ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(batches, options, async (batch, token) =>
            await tables.ExportDayIndex.SubmitTransactionAsync(
                batch.Chunk.Select(entry => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(batch.Partition, entry.Row))), token));
        return batches.Sum(batch => batch.Chunk.Length);
    }

    /// <summary>
    /// Removes the entries of rows that are being removed, of indexed kinds, on days after <paramref name="after"/> up
    /// to <paramref name="through"/> (a state's <see cref="ExportIndexState.Horizon"/>: later days have none yet);
    /// missing entries are no error. One transaction per day partition and 100 entries, up to
    /// <see cref="Concurrency"/> partitions at a time (a person's year of comments is a year of day partitions).
    /// </summary>
    public async Task ForgetAsync(IEnumerable<IndexedExportRow> entries, DateOnly? through, CancellationToken cancellationToken, DateOnly? after = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (through is not { } last)
        {
            return;
        }

        var days = entries
            .Where(entry => entry.Day <= last && (after is null || entry.Day > after) && ExportIndexKinds.Indexed.Contains(entry.Kind))
            .GroupBy(entry => PartitionOf(entry.Kind, entry.Day))
            .ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken };
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

    private static DateOnly? Day(string? text) => text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(string partition, ExportRowPointer row) => new(partition, RowKeyOf(row))
    {
        [TableColumn] = row.Table,
        [PartitionColumn] = row.PartitionKey,
        [RowColumn] = row.RowKey,
    };
}
