using Azure.Data.Tables;
using Submissions.Storage.Confirmations;
using Submissions.Storage.Idempotency;
using Submissions.Storage.Queues;
using Submissions.Storage.Subjects;

namespace Submissions.Storage.Promotions;

/// <summary>
/// A promotion's definition in its own partition, its entrants' rows in its buckets (<see cref="PromotionPartitions"/>;
/// entries stored before issue 18 in the definition's partition, which every path still reads). An entry is stored pending until its owner confirms it; confirming is one
/// entity-group transaction: the entry (its Add makes it one per person), the owed delivery when sharing was granted
/// (the outbox), the consent ledger and the confirmation record. The queue message naming the delivery is sent after
/// the commit (<see cref="SubmissionsQueues.SendDeliveryAsync"/>).
/// </summary>
public sealed class PromotionStore(SubmissionsTables tables, SubjectIndex index, ConfirmationStore confirmations)
{
    // Each conflict that leaves the pending row waiting means its outbox state was written meanwhile: a few at most.
    private const int MaxConfirmAttempts = 5;

    public async Task<PromotionContent?> GetAsync(string promotionId, CancellationToken cancellationToken) =>
        (await FindAsync(promotionId, cancellationToken)) is { } promotion ? ContentOf(promotion) : null;

    /// <summary>
    /// A page of promotions in id order. The definitions share their table with the entries and have no partition of
    /// their own, so this filters a scan: fine for an admin's listing, never on a form's path.
    /// </summary>
    public async Task<ScanPage<SavedPromotion>> ListAsync(int pageSize, string? storageToken, CancellationToken cancellationToken) =>
        (await ScanPages.ReadAsync<PromotionEntity>(
            tables.Promotions, TableClient.CreateQueryFilter($"RowKey eq {PromotionEntity.PromotionRowKey}"), pageSize, storageToken, cancellationToken))
            .Select(row => new SavedPromotion(row.PartitionKey, ContentOf(row)));

    private static PromotionContent ContentOf(PromotionEntity promotion) =>
        new(promotion.Title, promotion.PartnerId, promotion.SharingLabelIds, promotion.RequiresSharing, promotion.Fields, promotion.StartsAt, promotion.EndsAt)
        {
            MayHoldLegacyEntries = promotion.EntriesInBuckets != true,
        };

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
            // A promotion created before issue 18 keeps saying so: its own partition may hold entries.
            EntriesInBuckets = existing is null || existing.EntriesInBuckets == true,
            UpdatedAt = updatedAt,
        };
        await tables.Promotions.UpsertEntityAsync(promotion, TableUpdateMode.Replace, cancellationToken);
        return existing is null;
    }

    /// <summary>
    /// Stores an entry as pending in the entrant's bucket (<see cref="PromotionPartitions"/>): with an Idempotency-Key
    /// its marker first (<see cref="IsKeyReusedAsync"/>), then the person's index row — so an erasure that starts after the entry committed always finds it, and one running meanwhile sees a
    /// submission in flight —, then its pending row, receipt and idempotency record in one transaction. Nothing is read
    /// before: a retried or reused key meets its row in the transaction (409), and whether the person entered before is
    /// settled when they confirm, so the answer and its round trips are the same either way.
    /// </summary>
    public async Task<SubmissionOutcome> AddPendingEntryAsync(
        NewPendingSubmission pending, IdempotencyClaim? claim, StoredResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        if (claim is not null && await IsKeyReusedAsync(pending, claim, cancellationToken))
        {
            return new SubmissionOutcome.KeyReused();
        }

        await index.RecordAsync(
            pending.SubjectKey, SubjectRecordKinds.PromotionEntry, SubmissionsTables.PromotionsName, pending.Partition,
            PendingSubmissionEntity.RowKeyFor(pending.ConfirmationId), pending.CreatedAt, cancellationToken);

        var actions = new List<TableTransactionAction>();
        if (claim is not null)
        {
            actions.Add(IdempotencyRecords.AddAction(pending.Partition, claim, response, pending.CreatedAt));
        }

        actions.Add(ConfirmationStore.ReceiptAction(pending));
        actions.Add(ConfirmationStore.PendingAction(pending, IdempotencyRecords.RowKeyOrNull(claim)));
        try
        {
            await tables.Promotions.SubmitTransactionAsync(actions, cancellationToken);
            return new SubmissionOutcome.Saved(response);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409 && claim is not null)
        {
            // The key was used (a retry, or a concurrent one committed first): this attempt stored nothing, so its index
            // row (which an erasure would take for a submission in flight) does not stay behind.
            await RemovePendingIndexRowAsync(pending.SubjectKey, pending.Partition, pending.ConfirmationId, cancellationToken);
            if (await IdempotencyRecords.FindPriorOutcomeAsync(tables.Promotions, pending.Partition, claim, cancellationToken) is not { } prior)
            {
                throw;
            }

            return prior;
        }
    }

    /// <summary>
    /// An Idempotency-Key is the promotion's, whoever enters with it, but its record lives in the entrant's bucket: its
    /// marker in the key's own bucket tells a reuse with another email's body — whose record is in another bucket — apart
    /// from a retry.
    /// </summary>
    private Task<bool> IsKeyReusedAsync(NewPendingSubmission pending, IdempotencyClaim claim, CancellationToken cancellationToken) =>
        IdempotencyRecords.IsKeyReusedAsync(
            tables.Promotions, PromotionPartitions.ForKeyedHash(PromotionPartitions.PromotionIdOf(pending.Partition), claim.KeyHash), claim, pending.CreatedAt, cancellationToken);

    /// <summary>
    /// Makes a pending entry the person's entry: the entry row (its Add keeps it one per person), the delivery it owes
    /// when sharing was granted (the outbox), its ledger rows as of now and the confirmation record, in one transaction
    /// that also removes the pending row. A person who already has a confirmed entry keeps it: this one is dropped, and
    /// its confirmation record says so. A pending row changed meanwhile but still waiting (its confirmation mail's outbox
    /// state moved on) is confirmed as it is now.
    /// </summary>
    /// <remarks>
    /// One entry per person is the entry row's Add in the entrant's partition. A promotion that ran across issue 18
    /// may hold the person's entry in its own partition instead — its pending rows say so (<c>LegacyEntryCheck</c>, from
    /// the definition the entry was accepted with) —: a pending row in a bucket then first reads that one row (and a
    /// pending row stored before, in the promotion's partition, its bucket's), so the person's earlier entry still wins.
    /// Promotions created since pay nothing.
    /// </remarks>
    public async Task<ConfirmationOutcome> ConfirmEntryAsync(PendingSubmission pending, string method, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        if (await EnteredInOtherPartitionAsync(pending, cancellationToken))
        {
            return (await DropAsync(pending, method, now, lastAttempt: true, cancellationToken)).Outcome ?? new ConfirmationOutcome.AlreadyEntered();
        }

        // The entry's index row first, as for any record; the pending row's goes once it is gone too.
        await index.RecordAsync(
            pending.SubjectKey, SubjectRecordKinds.PromotionEntry, SubmissionsTables.PromotionsName, pending.Partition, PromotionEntryEntity.RowKeyFor(pending.SubjectKey), now, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var (outcome, again) = await TryConfirmEntryAsync(pending, method, now, attempt == MaxConfirmAttempts, cancellationToken);
            if (outcome is not null)
            {
                return outcome;
            }

            pending = again!;
        }
    }

    private async Task<bool> EnteredInOtherPartitionAsync(PendingSubmission pending, CancellationToken cancellationToken)
    {
        var promotionId = PromotionPartitions.PromotionIdOf(pending.Partition);
        var other = pending.Partition == promotionId
            ? PromotionPartitions.ForEntrant(promotionId, pending.SubjectKey)
            : pending.Entity.LegacyEntryCheck == true ? promotionId : null;
        return other is not null && (await tables.Promotions.GetEntityIfExistsAsync<TableEntity>(
            other, PromotionEntryEntity.RowKeyFor(pending.SubjectKey), ["RowKey"], cancellationToken)).HasValue;
    }

    /// <summary>One attempt: the outcome, or the pending row as it is now when it changed meanwhile and still waits.</summary>
    private async Task<(ConfirmationOutcome? Outcome, PendingSubmission? Again)> TryConfirmEntryAsync(
        PendingSubmission pending, string method, DateTimeOffset now, bool lastAttempt, CancellationToken cancellationToken)
    {
        var entry = ToEntry(pending, now);
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, entry) };
        if (ToDelivery(pending, entry) is { } delivery)
        {
            actions.Add(new(TableTransactionActionType.Add, delivery));
        }

        actions.AddRange(ConfirmationStore.ConfirmActions(pending, method, now, ConfirmationResults.Applied));
        try
        {
            await tables.Promotions.SubmitTransactionAsync(actions, cancellationToken);
            await RemovePendingIndexRowAsync(pending, cancellationToken);
            return (new ConfirmationOutcome.Applied(now, pending.DeliveryId), null);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409 && ex.FailedTransactionActionIndex == 0)
        {
            return await DropAsync(pending, method, now, lastAttempt, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            var settled = await SettledMeanwhileAsync(pending, cancellationToken);
            if (settled.Outcome is null && lastAttempt)
            {
                throw;
            }

            return settled;
        }
    }

    /// <summary>
    /// The person entered already (a confirmed entry): the pending one goes with its receipt and idempotency record — it
    /// never took effect, and nothing would index them for an erasure any more — leaving a confirmation record (ids only) of why.
    /// </summary>
    private async Task<(ConfirmationOutcome? Outcome, PendingSubmission? Again)> DropAsync(
        PendingSubmission pending, string method, DateTimeOffset now, bool lastAttempt, CancellationToken cancellationToken)
    {
        try
        {
            List<TableTransactionAction> actions =
            [
                .. ConfirmationStore.ConfirmActions(pending, method, now, ConfirmationResults.AlreadyEntered),
                new(TableTransactionActionType.Delete, new TableEntity(pending.Partition, Ledger.LedgerRowKeys.Receipt(pending.ReceiptId)), Azure.ETag.All),
            ];
            if (pending.Entity.IdempotencyRowKey is { } idempotency)
            {
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(pending.Partition, idempotency), Azure.ETag.All));
            }

            await tables.Promotions.SubmitTransactionAsync(actions, cancellationToken);
            await RemovePendingIndexRowAsync(pending, cancellationToken);
            return (new ConfirmationOutcome.AlreadyEntered(), null);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            var settled = await SettledMeanwhileAsync(pending, cancellationToken);
            if (settled.Outcome is null && lastAttempt)
            {
                throw;
            }

            return settled;
        }
    }

    /// <summary>
    /// The pending row is gone: so goes its index row, which would otherwise look like a submission in flight to an
    /// erasure for a while. A crash before this leaves a dangling index row that erasure removes.
    /// </summary>
    private Task RemovePendingIndexRowAsync(PendingSubmission pending, CancellationToken cancellationToken) =>
        RemovePendingIndexRowAsync(pending.SubjectKey, pending.Partition, pending.ConfirmationId, cancellationToken);

    private async Task RemovePendingIndexRowAsync(string subjectKey, string promotionId, string confirmationId, CancellationToken cancellationToken)
    {
        try
        {
            await index.RemoveAsync(subjectKey, SubjectRecordKinds.PromotionEntry, promotionId, PendingSubmissionEntity.RowKeyFor(confirmationId), cancellationToken);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // Removed by a concurrent confirmation.
        }
    }

    /// <summary>
    /// After a conflict: the outcome when the pending submission was settled meanwhile (a concurrent click confirmed or
    /// dropped it; gone otherwise — expired, erased), or the pending row as it is now when it only changed and still waits.
    /// </summary>
    private async Task<(ConfirmationOutcome? Outcome, PendingSubmission? Again)> SettledMeanwhileAsync(PendingSubmission pending, CancellationToken cancellationToken) =>
        await confirmations.FindAsync(pending.ConfirmationId, cancellationToken) switch
        {
            { Confirmed: { Result: ConfirmationResults.AlreadyEntered } } => (new ConfirmationOutcome.AlreadyEntered(), null),
            { Confirmed: { } record } => (new ConfirmationOutcome.AlreadyConfirmed(record), null),
            { Pending: { } again } => (null, again),
            _ => (new ConfirmationOutcome.NotFound(), null),
        };

    private static PromotionEntryEntity ToEntry(PendingSubmission pending, DateTimeOffset now) => new()
    {
        PartitionKey = pending.Partition,
        RowKey = PromotionEntryEntity.RowKeyFor(pending.SubjectKey),
        EntryId = pending.SubmissionId,
        SubjectKey = pending.SubjectKey,
        Email = pending.Email,
        Name = pending.Name,
        FieldsJson = pending.DataJson,
        SharingGranted = pending.DeliveryId is not null,
        ReceiptId = pending.ReceiptId,
        DeliveryId = pending.DeliveryId,
        CreatedAt = pending.CreatedAt,
        // The request's idempotency record stays with the entry: erasure follows this column to it.
        IdempotencyRowKey = pending.Entity.IdempotencyRowKey,
        ConfirmedAt = now,
        ConfirmationId = pending.ConfirmationId,
    };

    private static OwedDeliveryEntity? ToDelivery(PendingSubmission pending, PromotionEntryEntity entry) =>
        pending.DeliveryId is not { } deliveryId ? null : new OwedDeliveryEntity
        {
            PartitionKey = pending.Partition,
            RowKey = OwedDeliveryEntity.RowKeyFor(deliveryId),
            PromotionId = PromotionPartitions.PromotionIdOf(pending.Partition),
            DeliveryId = deliveryId,
            PartnerId = pending.PartnerId ?? string.Empty,
            EntryRowKey = entry.RowKey,
            SubjectKey = pending.SubjectKey,
            ReceiptId = pending.ReceiptId,
            CreatedAt = entry.ConfirmedAt!.Value,
        };

    /// <summary>
    /// The outcome a key already has for this entrant, if any: its bucket and, for an entry stored before issue 18, the
    /// promotion's own partition — two point reads together. Only when a retried body no longer passes validation.
    /// </summary>
    public async Task<SubmissionOutcome?> FindPriorOutcomeAsync(string promotionId, string subjectKey, IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        var inBucket = IdempotencyRecords.FindPriorOutcomeAsync(tables.Promotions, PromotionPartitions.ForEntrant(promotionId, subjectKey), claim, cancellationToken);
        var legacy = IdempotencyRecords.FindPriorOutcomeAsync(tables.Promotions, promotionId, claim, cancellationToken);
        await Task.WhenAll(inBucket, legacy);
        return await inBucket ?? await legacy;
    }

    private async Task<PromotionEntity?> FindAsync(string promotionId, CancellationToken cancellationToken)
    {
        var row = await tables.Promotions.GetEntityIfExistsAsync<PromotionEntity>(promotionId, PromotionEntity.PromotionRowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }
}
