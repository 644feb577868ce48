using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Outbox;

/// <summary>Conditional writes of outbox rows.</summary>
public static class OutboxRows
{
    /// <summary>
    /// Replaces the row under the ETag it was read with and takes the new ETag; false when someone else changed it
    /// first — or removed it (an erasure of the person while it was being worked on).
    /// </summary>
    public static async Task<bool> TryReplaceAsync<T>(TableClient table, T row, CancellationToken cancellationToken)
        where T : class, IOutboxRow
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(row);
        try
        {
            var response = await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            row.ETag = response.Headers.ETag ?? row.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }
}
