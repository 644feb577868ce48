using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Statistics;

/// <summary>
/// The <c>DailyStatistics</c> table: one row per finished UTC day (PartitionKey <c>daily~{yyyy}</c>, RowKey
/// <c>yyyy-MM-dd</c>) holding that day's raw counts as JSON, written once with Add and never updated, so neither the
/// retention purge nor an erasure changes a finished day's numbers; and one state row (PartitionKey <c>state</c>,
/// RowKey <c>rollup</c>): the last day rolled up and the definitions seen then. Counts and ids only.
/// </summary>
public sealed class DailyStatisticsStore(SubmissionsTables tables, StatisticsReader reader)
{
    public const string StatePartition = "state";
    public const string StateRowKey = "rollup";
    private const string DayPrefix = "daily~";
    private const int TransactionLimit = 100;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string PartitionOf(DateOnly day) => DayPrefix + day.Year.ToString("D4", CultureInfo.InvariantCulture);

    public static string RowKeyOf(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>One point read: null before the first roll-up.</summary>
    public async Task<RollUpState?> ReadStateAsync(CancellationToken cancellationToken)
    {
        var row = await tables.DailyStatistics.GetEntityIfExistsAsync<TableEntity>(StatePartition, StateRowKey, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is null)
        {
            return null;
        }

        var entity = row.Value;
        return new RollUpState(
            DateOnly.ParseExact(entity.GetString("LastDay")!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            JsonSerializer.Deserialize<RollUpDefinitions>(ChunkedJson.Read(entity, "Definitions"), Json) ?? RollUpDefinitions.None,
            entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue);
    }

    /// <summary>
    /// The roll-ups of [from, to), the state and the catalog's labels, all at once: one range query per calendar year
    /// the range touches (≤ 366 rows, one page), one point read, one query of the catalog (tens of rows).
    /// </summary>
    public async Task<StoredRollUps> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var years = Enumerable.Range(from.Year, to.AddDays(-1).Year - from.Year + 1);
        var reads = years.Select(year => ReadYearAsync(year, from, to, cancellationToken)).ToList();
        var state = ReadStateAsync(cancellationToken);
        var labels = reader.ReadLabelFormsAsync(cancellationToken);
        await Task.WhenAll([.. reads, state, labels]);
        var days = reads.SelectMany(read => read.Result).OrderBy(day => day.Day).ToList();
        return new StoredRollUps(days, await state, await labels);
    }

    /// <summary>
    /// Adds each day's row — Add only, in transactions of up to 100 per year partition. A day that already has a row
    /// (an earlier run wrote it and stopped before its state) keeps it: the batch is redone row by row, skipping those.
    /// </summary>
    public async Task<int> AddDaysAsync(IReadOnlyList<DayRollUp> days, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(days);
        var added = 0;
        foreach (var batch in days.GroupBy(day => PartitionOf(day.Day)).SelectMany(year => year.Chunk(TransactionLimit)))
        {
            var entities = batch.Select(ToEntity).ToList();
            try
            {
                await tables.DailyStatistics.SubmitTransactionAsync(entities.Select(entity => new TableTransactionAction(TableTransactionActionType.Add, entity)), cancellationToken);
                added += entities.Count;
            }
            catch (TableTransactionFailedException failed) when (failed.Status == 409)
            {
                foreach (var entity in entities)
                {
                    added += await AddIfAbsentAsync(entity, cancellationToken) ? 1 : 0;
                }
            }
        }

        return added;
    }

    /// <summary>The state: overwritten by every run that rolled up a day (it is not a day's numbers).</summary>
    public async Task WriteStateAsync(RollUpState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var entity = new TableEntity(StatePartition, StateRowKey)
        {
            ["LastDay"] = RowKeyOf(state.LastDay),
            ["UpdatedAt"] = state.UpdatedAt,
        };
        ChunkedJson.Write(entity, "Definitions", JsonSerializer.Serialize(state.Definitions, Json));
        await tables.DailyStatistics.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    private async Task<List<DayRollUp>> ReadYearAsync(int year, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var partition = DayPrefix + year.ToString("D4", CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {RowKeyOf(from)} and RowKey lt {RowKeyOf(to)}");
        var days = new List<DayRollUp>();
        await foreach (var row in tables.DailyStatistics.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            days.Add(JsonSerializer.Deserialize<DayRollUp>(ChunkedJson.Read(row, "Counts"), Json)!);
        }

        return days;
    }

    private async Task<bool> AddIfAbsentAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await tables.DailyStatistics.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            return false;
        }
    }

    private static TableEntity ToEntity(DayRollUp day)
    {
        var entity = new TableEntity(PartitionOf(day.Day), RowKeyOf(day.Day)) { ["RolledUpAt"] = day.RolledUpAt };
        ChunkedJson.Write(entity, "Counts", JsonSerializer.Serialize(day, Json));
        return entity;
    }
}
