using Azure;
using Azure.Data.Tables;
using Submissions.Storage.Outbox;

namespace Submissions.Storage.Notices;

/// <summary>The notices owed or sent to partners (<see cref="NoticeEntity"/>).</summary>
public sealed class NoticeStore(SubmissionsTables tables)
{
    /// <summary>
    /// Owes a notice. Notice ids are derived from what caused them (a withdrawal's receipt, an erasure's time), so a
    /// repeated withdrawal or a re-run erasure finds its notice already there: false, nothing changed.
    /// </summary>
    public Task<bool> TryOweAsync(NoticeToOwe notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return TryAddAsync(
            new NoticeEntity
            {
                PartitionKey = notice.PartnerId,
                RowKey = notice.NoticeId,
                NoticeId = notice.NoticeId,
                PartnerId = notice.PartnerId,
                Type = notice.Type,
                DeliveryIds = string.Join(',', notice.Deliveries.Select(delivery => delivery.DeliveryId).Order(StringComparer.Ordinal)),
                DeliveryRows = string.Join(',', notice.Deliveries.Select(delivery => $"{delivery.DeliveryPartition}/{delivery.DeliveryId}").Order(StringComparer.Ordinal)),
                Labels = notice.Labels,
                CreatedAt = notice.CreatedAt,
                OccurredAt = notice.OccurredAt,
            },
            cancellationToken);
    }

    /// <summary>Adds a notice row as given; false when one with its id is already there.</summary>
    public async Task<bool> TryAddAsync(NoticeEntity notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        try
        {
            await tables.Notices.AddEntityAsync(notice, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<NoticeEntity?> GetAsync(string partnerId, string noticeId, CancellationToken cancellationToken)
    {
        var row = await tables.Notices.GetEntityIfExistsAsync<NoticeEntity>(partnerId, noticeId, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>The notice as the processor works on it, or null when there is none.</summary>
    public async Task<OwedNotice?> GetOwedAsync(string partnerId, string noticeId, CancellationToken cancellationToken) =>
        await GetAsync(partnerId, noticeId, cancellationToken) is { } row ? new OwedNotice(row) : null;

    /// <summary>Replaces the notice under the version it was read at; false when someone else changed or removed it first.</summary>
    public Task<bool> TryUpdateAsync(OwedNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return OutboxRows.TryReplaceAsync(tables.Notices, notice.Entity, cancellationToken);
    }

    /// <summary>The notices owed to one partner: a query of its partition.</summary>
    public async IAsyncEnumerable<OwedNotice> ListOwedAsync(string partnerId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partnerId} and Status eq {NoticeEntity.Owed}");
        await foreach (var row in tables.Notices.QueryAsync<NoticeEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return new OwedNotice(row);
        }
    }

    /// <summary>
    /// Notices still owed that were created before <paramref name="cutoff"/>, across partners. A filtered scan: the table
    /// keeps sent notices as proof, so its cost grows with all notices ever sent, not only the owed ones.
    /// </summary>
    public async IAsyncEnumerable<OwedNotice> ListOwedBeforeAsync(DateTimeOffset cutoff, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"Status eq {NoticeEntity.Owed} and CreatedAt lt {cutoff}");
        await foreach (var row in tables.Notices.QueryAsync<NoticeEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return new OwedNotice(row);
        }
    }
}
