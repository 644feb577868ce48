using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage;

/// <summary>
/// Deletes rows of one partition in entity-group transactions (at most 100 actions each), in the order given. A purge
/// or an erasure may run again after a crash part-way, or beside the other, so a row that is already gone is not an
/// error: a batch that fails on one falls back to single deletes that skip missing rows.
/// </summary>
internal static class PartitionDeletes
{
    /// <summary>The most actions Table Storage accepts in one entity-group transaction.</summary>
    public const int MaxActions = 100;

    /// <summary>
    /// Deletes the rows; returns how many this call removed (rows already gone are not counted). <paramref name="bareRowKeys"/>
    /// are first replaced, in the same transactions, by bare rows (keys only): kept for what their key does, emptied of
    /// what they said.
    /// </summary>
    public static async Task<int> DeleteAsync(
        TableClient table, string partition, IEnumerable<string> rowKeys, CancellationToken cancellationToken, IEnumerable<string>? bareRowKeys = null)
    {
        var deleted = 0;
        var actions = (bareRowKeys ?? []).Select(rowKey => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, rowKey)))
            .Concat(rowKeys.Distinct(StringComparer.Ordinal).Select(rowKey => Delete(partition, rowKey)));
        foreach (var chunk in actions.Chunk(MaxActions))
        {
            try
            {
                await table.SubmitTransactionAsync(chunk, cancellationToken);
                deleted += chunk.Count(action => action.ActionType == TableTransactionActionType.Delete);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                foreach (var action in chunk)
                {
                    if (action.ActionType == TableTransactionActionType.Delete)
                    {
                        deleted += await DeleteOneAsync(table, partition, action.Entity.RowKey, cancellationToken) ? 1 : 0;
                    }
                    else
                    {
                        await table.UpsertEntityAsync(action.Entity, TableUpdateMode.Replace, cancellationToken);
                    }
                }
            }
        }

        return deleted;
    }

    /// <summary>One unconditional delete; false when the row was already gone.</summary>
    public static async Task<bool> DeleteOneAsync(TableClient table, string partition, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            // The SDK answers a missing row with its 404 response rather than throwing; the catch covers either way.
            var response = await table.DeleteEntityAsync(partition, rowKey, ETag.All, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    public static TableTransactionAction Delete(string partition, string rowKey, ETag? etag = null) =>
        new(TableTransactionActionType.Delete, new TableEntity(partition, rowKey), etag ?? ETag.All);

    /// <summary>The row keys of one partition's rows in [from, to): an index range query.</summary>
    public static async Task<List<string>> RowKeysAsync(TableClient table, string partition, string from, string to, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}");
        return await RowKeysAsync(table, filter, cancellationToken);
    }

    /// <summary>The row keys of the rows a filter (built with <see cref="TableClient.CreateQueryFilter(FormattableString)"/>) matches.</summary>
    public static async Task<List<string>> RowKeysAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        var rowKeys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            rowKeys.Add(row.RowKey);
        }

        return rowKeys;
    }
}
