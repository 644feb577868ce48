using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Deliveries;

/// <summary>The dead letters of deliveries and notices (<see cref="DeadLetter"/>): recorded, read, listed, removed.</summary>
public sealed class DeadLetterStore(SubmissionsTables tables)
{
    /// <summary>Records (or replaces) the dead letter of its id.</summary>
    public Task RecordAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        return tables.DeliveryFailures.UpsertEntityAsync(deadLetter.ToEntity(), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<DeadLetter?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var row = await tables.DeliveryFailures.GetEntityIfExistsAsync<DeliveryFailureEntity>(DeliveryFailureEntity.FailedPartition, id, cancellationToken: cancellationToken);
        return row.HasValue ? DeadLetter.Of(row.Value!) : null;
    }

    /// <summary>Deletes the dead letter if there is one (a missing row is not an error).</summary>
    public Task DeleteAsync(string id, CancellationToken cancellationToken) =>
        tables.DeliveryFailures.DeleteEntityAsync(DeliveryFailureEntity.FailedPartition, id, ETag.All, cancellationToken);

    /// <summary>
    /// The partner's dead letters — leads and notices, never mails — that failed at or after <paramref name="since"/>,
    /// at most <paramref name="limit"/> of them: a filtered query of the one dead-letter partition.
    /// </summary>
    public async Task<IReadOnlyList<DeadLetter>> ListForPartnerAsync(string partnerId, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {DeliveryFailureEntity.FailedPartition} and PartnerId eq {partnerId} and FailedAt ge {since}");
        var found = new List<DeadLetter>();
        await foreach (var row in tables.DeliveryFailures.QueryAsync<DeliveryFailureEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.Kind is DeliveryFailureEntity.DeliveryKind or DeliveryFailureEntity.NoticeKind)
            {
                found.Add(DeadLetter.Of(row));
                if (found.Count == limit)
                {
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>One page, from <paramref name="storageToken"/> (a token an earlier page returned) or from the start.</summary>
    public async Task<DeadLetterPage> ListAsync(int pageSize, string? storageToken, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {DeliveryFailureEntity.FailedPartition}");
        try
        {
            await foreach (var page in tables.DeliveryFailures.QueryAsync<DeliveryFailureEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages(storageToken, pageSize))
            {
                return new DeadLetterPage([.. page.Values.Select(DeadLetter.Of)], page.ContinuationToken);
            }
        }
        catch (RequestFailedException ex) when (PageToken.IsRefused(ex, storageToken))
        {
            return DeadLetterPage.Refused;
        }

        return new DeadLetterPage([], null);
    }
}
