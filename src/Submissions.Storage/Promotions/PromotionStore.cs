using Azure.Data.Tables;
using Submissions.Storage.Idempotency;
using Submissions.Storage.Ledger;
using Submissions.Storage.Queues;
using Submissions.Storage.Subjects;

namespace Submissions.Storage.Promotions;

/// <summary>
/// Promotions in one partition each. An entry is one entity-group transaction: the entry (its Add makes it one per
/// person), the owed delivery when sharing was granted (the outbox), the consent ledger and the idempotency record.
/// The queue message naming the delivery is sent after the commit (<see cref="SubmissionsQueues.SendDeliveryAsync"/>).
/// </summary>
public sealed class PromotionStore(SubmissionsTables tables, SubjectIndex index)
{
    public async Task<PromotionEntity?> GetAsync(string promotionId, CancellationToken cancellationToken)
    {
        var row = await tables.Promotions.GetEntityIfExistsAsync<PromotionEntity>(promotionId, PromotionEntity.PromotionRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Creates or replaces the promotion's definition; true when it was new. Entries are untouched.</summary>
    public async Task<bool> UpsertAsync(PromotionEntity promotion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(promotion);
        var existing = await GetAsync(promotion.PartitionKey, cancellationToken).ConfigureAwait(false);
        promotion.CreatedAt = existing?.CreatedAt ?? promotion.UpdatedAt;
        await tables.Promotions.UpsertEntityAsync(promotion, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return existing is null;
    }

    public async Task<SubmissionOutcome> AddEntryAsync(
        PromotionEntryEntity entry,
        OwedDeliveryEntity? delivery,
        ConsentReceiptDraft receipt,
        IdempotencyClaim? claim,
        StoredResponse response,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(receipt);
        entry.DeliveryId = delivery?.DeliveryId;
        entry.IdempotencyRowKey = IdempotencyRecords.RowKeyOrNull(claim);

        // A retried or reused key, or a person who has entered, is answered before the index row is written: a refused
        // entry stores nothing, not even a pointer. (Two racing requests can still leave one; access and erasure skip it.)
        if (await IdempotencyRecords.FindSettledAsync(tables.Promotions, entry.PartitionKey, claim, [entry.RowKey], cancellationToken).ConfigureAwait(false) is { } settled)
        {
            return settled;
        }

        await index.RecordAsync(
            entry.SubjectKey, SubjectRecordKinds.PromotionEntry, SubmissionsTables.PromotionsName, entry.PartitionKey, entry.RowKey, receipt.RecordedAt, cancellationToken).ConfigureAwait(false);

        var actions = new List<TableTransactionAction>();
        if (claim is not null)
        {
            actions.Add(IdempotencyRecords.AddAction(entry.PartitionKey, claim, response, receipt.RecordedAt));
        }

        actions.Add(new(TableTransactionActionType.Add, entry));
        if (delivery is not null)
        {
            actions.Add(new(TableTransactionActionType.Add, delivery));
        }

        actions.AddRange(receipt.LedgerActions(entry.PartitionKey, entry.SubjectKey, entry.EntryId));
        try
        {
            await tables.Promotions.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return new SubmissionOutcome.Saved(response);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            // Either this key was used before, or this person already entered.
            return claim is not null && await FindPriorOutcomeAsync(entry.PartitionKey, claim, cancellationToken).ConfigureAwait(false) is { } prior
                ? prior
                : new SubmissionOutcome.Duplicate();
        }
    }

    public Task<SubmissionOutcome?> FindPriorOutcomeAsync(string promotionId, IdempotencyClaim claim, CancellationToken cancellationToken) =>
        IdempotencyRecords.FindPriorOutcomeAsync(tables.Promotions, promotionId, claim, cancellationToken);
}
