using System.Text.Json;
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
    public async Task<PromotionContent?> GetAsync(string promotionId, CancellationToken cancellationToken) =>
        (await FindAsync(promotionId, cancellationToken)) is { } promotion
            ? new PromotionContent(
                promotion.Title, promotion.PartnerId, promotion.SharingLabelIds, promotion.RequiresSharing, promotion.Fields, promotion.StartsAt, promotion.EndsAt)
            : null;

    /// <summary>Creates or replaces the promotion's definition; true when it was new. Entries are untouched.</summary>
    public async Task<bool> UpsertAsync(string promotionId, PromotionContent content, DateTimeOffset updatedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var existing = await FindAsync(promotionId, cancellationToken);
        var promotion = new PromotionEntity
        {
            PartitionKey = promotionId,
            Title = content.Title,
            PartnerId = content.PartnerId,
            SharingLabels = string.Join(',', content.SharingLabelIds),
            RequiresSharing = content.RequiresSharing,
            Fields = content.Fields,
            StartsAt = content.StartsAt,
            EndsAt = content.EndsAt,
            CreatedAt = existing?.CreatedAt ?? updatedAt,
            UpdatedAt = updatedAt,
        };
        await tables.Promotions.UpsertEntityAsync(promotion, TableUpdateMode.Replace, cancellationToken);
        return existing is null;
    }

    /// <summary>
    /// Stores an entry with its owed delivery (when sharing was granted), consent ledger and idempotency record, in one
    /// transaction.
    /// </summary>
    public Task<SubmissionOutcome> AddEntryAsync(
        NewPromotionEntry entry, ConsentReceiptDraft receipt, IdempotencyClaim? claim, StoredResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(receipt);
        var row = new PromotionEntryEntity
        {
            PartitionKey = entry.PromotionId,
            RowKey = PromotionEntryEntity.RowKeyFor(entry.SubjectKey),
            EntryId = entry.EntryId,
            SubjectKey = entry.SubjectKey,
            Email = entry.Email,
            Name = entry.Name,
            FieldsJson = JsonSerializer.Serialize(entry.Fields),
            SharingGranted = entry.DeliveryId is not null,
            ReceiptId = receipt.ReceiptId,
            CreatedAt = entry.CreatedAt,
        };
        var delivery = entry.DeliveryId is not { } deliveryId ? null : new OwedDeliveryEntity
        {
            PartitionKey = entry.PromotionId,
            RowKey = OwedDeliveryEntity.RowKeyFor(deliveryId),
            DeliveryId = deliveryId,
            PartnerId = entry.PartnerId,
            EntryRowKey = row.RowKey,
            SubjectKey = entry.SubjectKey,
            ReceiptId = receipt.ReceiptId,
            CreatedAt = entry.CreatedAt,
        };
        return AddEntryAsync(row, delivery, receipt, claim, response, cancellationToken);
    }

    private async Task<SubmissionOutcome> AddEntryAsync(
        PromotionEntryEntity entry,
        OwedDeliveryEntity? delivery,
        ConsentReceiptDraft receipt,
        IdempotencyClaim? claim,
        StoredResponse response,
        CancellationToken cancellationToken)
    {
        entry.DeliveryId = delivery?.DeliveryId;
        entry.IdempotencyRowKey = IdempotencyRecords.RowKeyOrNull(claim);

        // A retried or reused key, or a person who has entered, is answered before the index row is written: a refused
        // entry stores nothing, not even a pointer. (Two racing requests can still leave one; access and erasure skip it.)
        if (await IdempotencyRecords.FindSettledAsync(tables.Promotions, entry.PartitionKey, claim, [entry.RowKey], cancellationToken) is { } settled)
        {
            return settled;
        }

        await index.RecordAsync(
            entry.SubjectKey, SubjectRecordKinds.PromotionEntry, SubmissionsTables.PromotionsName, entry.PartitionKey, entry.RowKey, receipt.RecordedAt, cancellationToken);

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
            await tables.Promotions.SubmitTransactionAsync(actions, cancellationToken);
            return new SubmissionOutcome.Saved(response);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            // Either this key was used before, or this person already entered.
            return claim is not null && await FindPriorOutcomeAsync(entry.PartitionKey, claim, cancellationToken) is { } prior
                ? prior
                : new SubmissionOutcome.Duplicate();
        }
    }

    public Task<SubmissionOutcome?> FindPriorOutcomeAsync(string promotionId, IdempotencyClaim claim, CancellationToken cancellationToken) =>
        IdempotencyRecords.FindPriorOutcomeAsync(tables.Promotions, promotionId, claim, cancellationToken);

    private async Task<PromotionEntity?> FindAsync(string promotionId, CancellationToken cancellationToken)
    {
        var row = await tables.Promotions.GetEntityIfExistsAsync<PromotionEntity>(promotionId, PromotionEntity.PromotionRowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }
}
