using Azure;
using Azure.Data.Tables;
using Submissions.Storage.Ledger;
using Submissions.Storage.Outbox;
using Submissions.Storage.Promotions;
using Submissions.Storage.Subjects;

namespace Submissions.Storage.Deliveries;

/// <summary>Reads and records what partner delivery needs: the owed delivery, its entry, effective consent and disclosures.</summary>
public sealed class DeliveryStore(SubmissionsTables tables, DeadLetterStore deadLetters)
{
    /// <summary>The owed row in <paramref name="partition"/> (the entrant's bucket, or a promotion id before issue 18), or null.</summary>
    public async Task<OwedDelivery?> GetOwedAsync(string partition, string deliveryId, CancellationToken cancellationToken)
    {
        var row = await tables.Promotions.GetEntityIfExistsAsync<OwedDeliveryEntity>(partition, OwedDeliveryEntity.RowKeyFor(deliveryId), cancellationToken: cancellationToken);
        return row.HasValue ? new OwedDelivery(row.Value!) : null;
    }

    /// <summary>The entry the delivery comes from, or null when it is gone.</summary>
    public async Task<DeliveredEntry?> GetEntryAsync(OwedDelivery owed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owed);
        var row = await tables.Promotions.GetEntityIfExistsAsync<PromotionEntryEntity>(owed.Partition, owed.Entity.EntryRowKey, cancellationToken: cancellationToken);
        return row.HasValue ? new DeliveredEntry(row.Value!.Email, row.Value.Name, row.Value.FieldsJson, row.Value.CreatedAt, row.Value.ConfirmedAt) : null;
    }

    /// <summary>The answers ("labelId:version:granted", ';'-joined) of the delivery's receipt, or null when it is gone.</summary>
    public async Task<string?> GetReceiptAnswersAsync(OwedDelivery owed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owed);
        var row = await tables.Promotions.GetEntityIfExistsAsync<ReceiptEntity>(owed.Partition, LedgerRowKeys.Receipt(owed.ReceiptId), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.Answers : null;
    }

    /// <summary>When the person was last erased (their tombstone), or null: one point read of one column.</summary>
    public async Task<DateTimeOffset?> ErasedAtAsync(string subjectKey, CancellationToken cancellationToken)
    {
        var row = await tables.Subjects.GetEntityIfExistsAsync<TableEntity>(
            subjectKey, TombstoneEntity.TombstoneRowKey, [nameof(TombstoneEntity.ErasedAt)], cancellationToken);
        return row.HasValue ? row.Value!.GetDateTimeOffset(nameof(TombstoneEntity.ErasedAt)) : null;
    }

    /// <summary>
    /// A person's effective answer to a label: the newest record in the entry's partition (where the answer was given)
    /// and in the person's own partition (where withdrawals are written), one range query each.
    /// </summary>
    public async Task<EffectiveAnswer?> EffectiveConsentAsync(string partition, string labelId, string subjectKey, CancellationToken cancellationToken)
    {
        var inEntry = ConsentLedger.LatestAsync(tables.Promotions, partition, labelId, subjectKey, cancellationToken);
        var inSubject = ConsentLedger.LatestAsync(tables.Subjects, subjectKey, labelId, subjectKey, cancellationToken);
        var records = await Task.WhenAll(inEntry, inSubject);
        return records.Where(record => record is not null).MaxBy(record => record!.RecordedAt) is { } newest
            ? new EffectiveAnswer(newest.Version, newest.Granted, newest.ReceiptId)
            : null;
    }

    /// <summary>Updates the owed delivery under the version it was read at; false when someone else changed or removed it first.</summary>
    public Task<bool> TryUpdateOwedAsync(OwedDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return OutboxRows.TryReplaceAsync(tables.Promotions, delivery.Entity, cancellationToken);
    }

    /// <summary>
    /// Records, before anything is sent, that the partner may be about to receive the person's data (dated
    /// <paramref name="at"/>): a withdrawal or erasure that reads the person's disclosures from now on sees it and tells the partner.
    /// </summary>
    public Task RecordPendingDisclosureAsync(OwedDelivery owed, DateTimeOffset at, CancellationToken cancellationToken) =>
        tables.Disclosures.UpsertEntityAsync(DisclosureOf(owed, DisclosureOutcome.Pending, at), TableUpdateMode.Replace, cancellationToken);

    /// <summary>
    /// Completes a pending disclosure once the partner accepted it (dated when it did, else <paramref name="now"/>). An
    /// update, never an upsert: if an erasure removed the pending row meanwhile (and owed the partner its notice),
    /// nothing is written back. False then.
    /// </summary>
    public async Task<bool> TryCompleteDisclosureAsync(OwedDelivery owed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var delivered = DisclosureOf(owed, DisclosureOutcome.Delivered, owed.CompletedAt ?? now);
        try
        {
            await tables.Disclosures.UpdateEntityAsync(delivered, ETag.All, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    /// <summary>
    /// Settles the disclosure of a delivery that ended without the partner's acceptance (stopped or failed for good).
    /// Only a body that provably never left may be forgotten: with no request ever started
    /// (<see cref="OwedDelivery.FirstPostedAt"/> unset) the pending record goes; otherwise it stays as
    /// <see cref="DisclosureOutcome.PossiblyDelivered"/>, dated from the first request — an update, never an upsert, so
    /// a record an erasure removed meanwhile (it told the partner) is not written back.
    /// </summary>
    public async Task SettleUnacceptedDisclosureAsync(OwedDelivery owed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owed);
        if (owed.FirstPostedAt is not { } firstPostedAt)
        {
            await tables.Disclosures.DeleteEntityAsync(owed.SubjectKey, owed.DeliveryId, ETag.All, cancellationToken);
            return;
        }

        var settled = new TableEntity(owed.SubjectKey, owed.DeliveryId)
        {
            [nameof(DisclosureEntity.Outcome)] = DisclosureOutcome.PossiblyDelivered,
            [nameof(DisclosureEntity.DisclosedAt)] = firstPostedAt,
            [nameof(DisclosureEntity.Attempts)] = owed.Attempts,
            [nameof(DisclosureEntity.FieldNames)] = owed.FieldNames ?? string.Empty,
            [nameof(DisclosureEntity.Consents)] = owed.Consents ?? string.Empty,
            [nameof(DisclosureEntity.PayloadSha256)] = owed.PayloadSha256 ?? string.Empty,
        };
        try
        {
            await tables.Disclosures.UpdateEntityAsync(settled, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Removed by an erasure, which owed the partner its notice first.
        }
    }

    /// <summary>
    /// Removes the disclosure of a delivery whose owed row an erasure deleted: the erasure owed the partner its notice
    /// from what it read, then removed the person's disclosures; a pending record an attempt still running wrote back
    /// after that must not outlive the person.
    /// </summary>
    public async Task ForgetDisclosureOfRemovedDeliveryAsync(OwedDelivery owed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owed);
        await tables.Disclosures.DeleteEntityAsync(owed.SubjectKey, owed.DeliveryId, ETag.All, cancellationToken);
    }

    /// <summary>Deletes the delivery's dead letter if there is one (a missing row is not an error).</summary>
    public Task DeleteFailureAsync(string deliveryId, CancellationToken cancellationToken) =>
        deadLetters.DeleteAsync(deliveryId, cancellationToken);

    /// <summary>
    /// Deliveries still owed that were created before <paramref name="cutoff"/>. A scan across promotions filtered on
    /// the outbox row range and status; the outbox holds only what is not yet done, so it stays small.
    /// </summary>
    public async IAsyncEnumerable<OwedDelivery> ListOwedBeforeAsync(DateTimeOffset cutoff, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {OwedDeliveryEntity.RowKeyPrefix} and RowKey lt {OwedDeliveryEntity.RowKeyPrefix + "~"} and Status eq {OwedDeliveryEntity.Owed} and CreatedAt lt {cutoff}");
        await foreach (var row in tables.Promotions.QueryAsync<OwedDeliveryEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return new OwedDelivery(row);
        }
    }

    /// <summary>The disclosure record of a delivery, as its owed row says now.</summary>
    private static DisclosureEntity DisclosureOf(OwedDelivery owed, string outcome, DateTimeOffset disclosedAt)
    {
        ArgumentNullException.ThrowIfNull(owed);
        return new()
        {
            PartitionKey = owed.SubjectKey,
            RowKey = owed.DeliveryId,
            PartnerId = owed.PartnerId,
            PromotionId = owed.PromotionId,
            OwedPartition = owed.Partition,
            FieldNames = owed.FieldNames ?? string.Empty,
            ReceiptId = owed.ReceiptId,
            Consents = owed.Consents ?? string.Empty,
            PayloadSha256 = owed.PayloadSha256 ?? string.Empty,
            WebhookId = owed.DeliveryId,
            Attempts = owed.Attempts,
            Outcome = outcome,
            DisclosedAt = disclosedAt,
        };
    }
}
