using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.ClientSalts;

/// <summary>
/// The random salt of each UTC day, shared by every instance: the first instance to need a day's salt writes one it
/// drew from a CSPRNG, and every other instance — also one that drew its own at the same moment — reads that one
/// (an insert, never an upsert: the first writer wins). Rows of days that have ended are deleted by the retention purge,
/// after which no one, holder of the pepper or not, can recompute that day's client keys.
/// </summary>
public sealed class ClientSaltStore(SubmissionsTables tables)
{
    public const int SaltBytes = 32;

    public static string RowKeyOf(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The day's salt, created if no instance has created it yet.</summary>
    public async Task<byte[]> GetOrCreateAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var candidate = new ClientSaltEntity { RowKey = RowKeyOf(day), Salt = RandomNumberGenerator.GetBytes(SaltBytes) };
        try
        {
            await tables.ClientSalts.AddEntityAsync(candidate, cancellationToken);
            return candidate.Salt;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            var stored = await tables.ClientSalts.GetEntityAsync<ClientSaltEntity>(ClientSaltEntity.Partition, candidate.RowKey, cancellationToken: cancellationToken);
            return stored.Value.Salt;
        }
    }

    /// <summary>Deletes the salts of every day before <paramref name="today"/>; the number deleted.</summary>
    public async Task<int> DeleteBeforeAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ClientSaltEntity.Partition} and RowKey lt {RowKeyOf(today)}");
        await foreach (var row in tables.ClientSalts.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            try
            {
                await tables.ClientSalts.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                deleted++;
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
            {
                // Another instance's purge deleted it first.
            }
        }

        return deleted;
    }
}
