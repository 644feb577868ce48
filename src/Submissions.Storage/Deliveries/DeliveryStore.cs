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
    public async Task<OwedDelivery?> GetOwedAsync(string promotionId, string deliveryId, CancellationToken cancellationToken)
    {
        var row = await tables.Promotions.GetEntityIfExistsAsync<OwedDeliveryEntity>(promotionId, OwedDeliveryEntity.RowKeyFor(deliveryId), cancellationToken: cancellationToken);
        return row.HasValue ? new OwedDelivery(row.Value!) : null;
    }

    /// <summary>The entry the delivery comes from, or null when it is gone.</summary>
    public async Task<DeliveredEntry?> GetEntryAsync(OwedDelivery owed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owed);
        var row = await tables.Promotions.GetEntityIfExistsAsync<PromotionEntryEntity>(owed.Partition, owed.Entity.EntryRowKey, cancellationToken: cancellationToken);
        return row.HasValue ? new DeliveredEntry(row.Value!.Email, row.Value.Name, row.Value.FieldsJson, row.Value.CreatedAt, row.Value.ConfirmedAt) : null;
    }

    /// <summary>
    /// The person's consent-ledger records in the partition the delivery was owed in — where they answered with the entry
    /// (the owed row, entry, receipt and ledger rows are written in one transaction, so they share it) — all labels, newest
    /// first per label: one range query. The records of the delivery's receipt are the entry's answers; the first record
    /// of each label is the newest there.
    /// </summary>
    public async Task<IReadOnlyList<StoredAnswer>> GetEntryAnswersAsync(OwedDelivery owed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owed);
        var (from, to) = LedgerRowKeys.SubjectRange(owed.SubjectKey);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {owed.Partition} and RowKey ge {from} and RowKey lt {to}");
        var answers = new List<StoredAnswer>();
        await foreach (var row in tables.Promotions.QueryAsync<TableEntity>(filter, select: AnswerColumns, cancellationToken: cancellationToken))
        {
            answers.Add(AnswerOf(row));
        }

        return answers;
    }

    /// <summary>
    /// The person's tombstone and their own-partition records of <paramref name="labelIds"/> in ONE request: a query of
    /// their partition from the first label's range up to the tombstone, keeping only those rows. It reads that part of
    /// one person's partition (never a shared one); with no labels it is a point read of the tombstone.
    /// </summary>
    public async Task<SubjectChecks> GetSubjectChecksAsync(string subjectKey, IReadOnlyCollection<string> labelIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labelIds);
        if (labelIds.Count == 0)
        {
            return new SubjectChecks(await ErasedAtAsync(subjectKey, cancellationToken), []);
        }

        var ranges = labelIds.Order(StringComparer.Ordinal).Select(labelId => LedgerRowKeys.ConsentRange(labelId, subjectKey)).ToList();
        var wanted = string.Join(" or ", ranges.Select(range => TableClient.CreateQueryFilter($"(RowKey ge {range.From} and RowKey lt {range.To})"))
            .Append(TableClient.CreateQueryFilter($"RowKey eq {TombstoneEntity.TombstoneRowKey}")));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {subjectKey} and RowKey ge {ranges[0].From} and RowKey le {TombstoneEntity.TombstoneRowKey}")
            + $" and ({wanted})";
        DateTimeOffset? erasedAt = null;
        var answers = new List<StoredAnswer>();
        await foreach (var row in tables.Subjects.QueryAsync<TableEntity>(filter, select: [.. AnswerColumns, nameof(TombstoneEntity.ErasedAt)], cancellationToken: cancellationToken))
        {
            if (row.RowKey == TombstoneEntity.TombstoneRowKey)
            {
                erasedAt = row.GetDateTimeOffset(nameof(TombstoneEntity.ErasedAt));
            }
            else
            {
                answers.Add(AnswerOf(row));
            }
        }

        return new SubjectChecks(erasedAt, answers);
    }

    /// <summary>When the person was last erased (their tombstone), or null: one point read of one column.</summary>
    public async Task<DateTimeOffset?> ErasedAtAsync(string subjectKey, CancellationToken cancellationToken)
    {
        var row = await tables.Subjects.GetEntityIfExistsAsync<TableEntity>(
            subjectKey, TombstoneEntity.TombstoneRowKey, [nameof(TombstoneEntity.ErasedAt)], cancellationToken);
        return row.HasValue ? row.Value!.GetDateTimeOffset(nameof(TombstoneEntity.ErasedAt)) : null;
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

    /// <summary>
    /// The first of the person's other deliveries to the same partner that is still owed and was owed before this one (by
    /// when it was owed, then by id), or null: what a lead must not overtake. One query of the person's promotion-entry
    /// index rows, then for each other entry its delivery id and its owed row — only asked while the partner has been failing.
    /// </summary>
    public async Task<OwedDelivery?> FindEarlierOwedAsync(OwedDelivery owed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owed);
        var prefix = $"{SubjectRecordEntity.RowKeyPrefix}{SubjectRecordKinds.PromotionEntry}~";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {owed.SubjectKey} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
        var reads = new List<Task<OwedDelivery?>>();
        await foreach (var entry in tables.Subjects.QueryAsync<SubjectRecordEntity>(filter, cancellationToken: cancellationToken))
        {
            if (entry.Table == SubmissionsTables.PromotionsName && !(entry.Partition == owed.Partition && entry.RecordRowKey == owed.Entity.EntryRowKey))
            {
                reads.Add(OwedOfEntryAsync(entry.Partition, entry.RecordRowKey, cancellationToken));
            }
        }

        return (await Task.WhenAll(reads))
            .Where(other => other is { Status: OutboxStatus.Owed } && other.PartnerId == owed.PartnerId
                && (other.CreatedAt < owed.CreatedAt || (other.CreatedAt == owed.CreatedAt && string.CompareOrdinal(other.DeliveryId, owed.DeliveryId) < 0)))
            .OrderBy(other => other!.CreatedAt).ThenBy(other => other!.DeliveryId, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private async Task<OwedDelivery?> OwedOfEntryAsync(string partition, string entryRowKey, CancellationToken cancellationToken)
    {
        var entry = await tables.Promotions.GetEntityIfExistsAsync<TableEntity>(partition, entryRowKey, [nameof(PromotionEntryEntity.DeliveryId)], cancellationToken);
        return entry.HasValue && entry.Value!.GetString(nameof(PromotionEntryEntity.DeliveryId)) is { Length: > 0 } deliveryId
            ? await GetOwedAsync(partition, deliveryId, cancellationToken)
            : null;
    }

    private static readonly string[] AnswerColumns =
        ["RowKey", nameof(ConsentRecordEntity.LabelId), nameof(ConsentRecordEntity.Version), nameof(ConsentRecordEntity.Granted), nameof(ConsentRecordEntity.ReceiptId), nameof(ConsentRecordEntity.RecordedAt)];

    private static StoredAnswer AnswerOf(TableEntity row) => new(
        row.GetString(nameof(ConsentRecordEntity.LabelId)) ?? string.Empty,
        row.GetInt32(nameof(ConsentRecordEntity.Version)) ?? 0,
        row.GetBoolean(nameof(ConsentRecordEntity.Granted)) ?? false,
        row.GetString(nameof(ConsentRecordEntity.ReceiptId)) ?? string.Empty,
        row.GetDateTimeOffset(nameof(ConsentRecordEntity.RecordedAt)) ?? default);

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
