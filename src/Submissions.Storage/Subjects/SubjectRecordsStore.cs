using Azure;
using Azure.Data.Tables;
using Submissions.Storage.Confirmations;
using Submissions.Storage.Deliveries;
using Submissions.Storage.Exports;
using Submissions.Storage.Forms;
using Submissions.Storage.Ledger;
using Submissions.Storage.Promotions;

namespace Submissions.Storage.Subjects;

/// <summary>
/// Reads and removes everything about one person — by key, never by scanning a table: their Subjects partition (one
/// query), each record its index rows point to (one point read), their range of each such partition's ledger (one
/// range query per partition), and their Disclosures partition (one query).
/// </summary>
public sealed class SubjectRecordsStore(SubmissionsTables tables, DeliveryStore deliveryStore, ConfirmationStore confirmations, ExportDayIndexStore exportIndex)
{
    private const int Parallelism = 8;
    private const string ShowName = "ShowName";
    private static readonly string[] ShowNameColumns = ["PartitionKey", "RowKey", ShowName];

    public async Task<SubjectSnapshot> ReadAsync(string subjectKey, bool includeRecordRows, CancellationToken cancellationToken)
    {
        var ownRowsTask = QueryListAsync<TableEntity>(tables.Subjects, TableClient.CreateQueryFilter($"PartitionKey eq {subjectKey}"), cancellationToken);
        var disclosuresTask = ReadDisclosuresAsync(subjectKey, cancellationToken);
        var ownRows = await ownRowsTask;

        var indexRows = ownRows.Where(SubjectSnapshot.IsIndexRow).Select(ToIndex).ToList();
        var records = new SubjectRecord[indexRows.Count];
        var partitions = indexRows.Select(index => (index.Table, index.Partition)).Distinct().ToList();
        var ledgers = new PartitionLedger[partitions.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };

        var readRecords = includeRecordRows
            ? Parallel.ForEachAsync(Enumerable.Range(0, indexRows.Count), options, async (i, token) =>
            {
                var index = indexRows[i];
                var row = await tables.ByName(index.Table).GetEntityIfExistsAsync<TableEntity>(index.Partition, index.RecordRowKey, cancellationToken: token);
                records[i] = new SubjectRecord(index, row.HasValue ? StoredRecords.From(index.Table, row.Value!) : null);
            })
            : Task.CompletedTask;
        var readLedgers = Parallel.ForEachAsync(Enumerable.Range(0, partitions.Count), options, async (i, token) =>
        {
            var (table, partition) = partitions[i];
            ledgers[i] = new PartitionLedger(table, partition, await ReadLedgerAsync(tables.ByName(table), partition, subjectKey, token));
        });
        await Task.WhenAll(readRecords, readLedgers, disclosuresTask);

        var ownLedger = new PartitionLedger(
            SubmissionsTables.SubjectsName,
            subjectKey,
            [.. ownRows.Where(row => row.RowKey.StartsWith(LedgerRowKeys.ConsentPrefix, StringComparison.Ordinal)).Select(ToConsentRecord)]);
        return new SubjectSnapshot(
            subjectKey,
            ownRows,
            includeRecordRows ? records : [.. indexRows.Select(index => new SubjectRecord(index, null))],
            [ownLedger, .. ledgers],
            await disclosuresTask);
    }

    /// <summary>The person's disclosures, read again after a withdrawal or erasure took effect (see ConsentWithdrawal).</summary>
    public async Task<List<StoredDisclosure>> ReadDisclosuresAsync(string subjectKey, CancellationToken cancellationToken) =>
        [.. (await QueryListAsync<DisclosureEntity>(tables.Disclosures, TableClient.CreateQueryFilter($"PartitionKey eq {subjectKey}"), cancellationToken)).Select(StoredDisclosure.From)];

    /// <summary>The person's tombstone, if they were ever erased.</summary>
    public async Task<ErasureTombstone?> GetTombstoneAsync(string subjectKey, CancellationToken cancellationToken)
    {
        var row = await tables.Subjects.GetEntityIfExistsAsync<TombstoneEntity>(subjectKey, TombstoneEntity.TombstoneRowKey, cancellationToken: cancellationToken);
        return row.HasValue ? new ErasureTombstone(row.Value!) : null;
    }

    /// <summary>
    /// Writes the tombstone only if nobody wrote it since this run read or last wrote it: an Add when there was none,
    /// else a Replace under the version it holds, keeping the new one. False when somebody else got there first —
    /// another erasure of the person claimed it, or took it over after this run's lease ran out — and nothing was written.
    /// </summary>
    public async Task<bool> TryWriteTombstoneAsync(ErasureTombstone tombstone, bool isNew, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tombstone);
        var row = tombstone.ToEntity();
        try
        {
            var response = isNew
                ? await tables.Subjects.AddEntityAsync(row, cancellationToken)
                : await tables.Subjects.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            tombstone.ETag = response.Headers.ETag ?? tombstone.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Removes what the snapshot holds of the person but the index rows of <paramref name="kept"/> (submissions that may
    /// still be in flight) and the tombstone: the records with what was written beside them, then the disclosures (the
    /// notices that name them are stored by now), then their own partition — index rows last, because they are the map
    /// a re-run follows. First of all, the export day index's pointers to those rows, which carry the person's keys: a
    /// re-run after a crash later on finds the rows, and so the pointers, again. Last, if an indexing run wrote days past
    /// those fully indexed when this began (under way then or since), the pointers of those days once more: it may have
    /// read a row before it was deleted here.
    /// </summary>
    public async Task<SubjectRowsErased> EraseAsync(SubjectSnapshot snapshot, IReadOnlyCollection<SubjectRecord> kept, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var exported = ErasedExportRows.Of(snapshot).ToList();
        var before = await exportIndex.ReadStateAsync(cancellationToken);
        await exportIndex.ForgetAsync(exported, before.Horizon, cancellationToken);
        var erased = await EraseRowsAsync(snapshot, kept, cancellationToken);

        // Days a run wrote since the first pass began — under way then or since, finished or not — may hold pointers
        // to rows it read before they were deleted.
        var after = await exportIndex.ReadStateAsync(cancellationToken);
        if (after.Horizon is { } horizon && (before.LastDay is not { } last || horizon > last))
        {
            await exportIndex.ForgetAsync(exported, horizon, cancellationToken, after: before.LastDay);
        }

        return erased;
    }

    private async Task<SubjectRowsErased> EraseRowsAsync(SubjectSnapshot snapshot, IReadOnlyCollection<SubjectRecord> kept, CancellationToken cancellationToken)
    {
        var (deliveries, receipts, idempotencyRecords) = await EraseRecordsAsync(snapshot, cancellationToken);
        await PartitionDeletes.DeleteAsync(tables.Disclosures, snapshot.SubjectKey, snapshot.Disclosures.Select(disclosure => disclosure.DeliveryId), cancellationToken);

        var ownRows = snapshot.OwnRowsToErase(kept);

        // A registration's pointer names this partition (the subject key) until it expires, confirmed or not: it goes
        // with the pending row or the confirmation record.
        foreach (var row in ownRows.Where(row => row.RowKey.StartsWith(PendingSubmissionEntity.RowKeyPrefix, StringComparison.Ordinal)
            || row.RowKey.StartsWith(ConfirmationRecordEntity.RowKeyPrefix, StringComparison.Ordinal)))
        {
            if (row.GetString(nameof(PendingSubmissionEntity.ConfirmationId)) is { Length: > 0 } confirmationId)
            {
                await confirmations.DeletePointerAsync(confirmationId, cancellationToken);
            }
        }

        var indexRows = ownRows.Where(SubjectSnapshot.IsIndexRow).Select(row => row.RowKey).ToList();
        await DeleteRowsAsync(SubmissionsTables.SubjectsName, snapshot.SubjectKey, [.. ownRows.Where(row => !SubjectSnapshot.IsIndexRow(row)).Select(row => row.RowKey)], cancellationToken);
        await DeleteRowsAsync(SubmissionsTables.SubjectsName, snapshot.SubjectKey, indexRows, cancellationToken);
        return new SubjectRowsErased(
            deliveries,
            receipts + ownRows.Count(SubjectSnapshot.IsReceiptRow),
            snapshot.Disclosures.Count,
            idempotencyRecords + ownRows.Count(SubjectSnapshot.IsIdempotencyRow),
            indexRows.Count);
    }

    /// <summary>
    /// Appends a withdrawal to the person's own partition in one transaction: its receipt and ledger rows, and the member
    /// row without <paramref name="removedColumns"/> (Replace under the version read, since Merge cannot remove a
    /// column). A member row changed since the snapshot is a <see cref="WithdrawalAppend.Conflict"/> — unless
    /// <paramref name="finalAttempt"/>, when it is the storage failure it is.
    /// </summary>
    public async Task<WithdrawalAppend> AppendWithdrawalAsync(
        SubjectSnapshot snapshot, ConsentReceiptDraft? receipt, IReadOnlyCollection<string> removedColumns, bool finalAttempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(removedColumns);
        var actions = new List<TableTransactionAction>();
        if (receipt is not null)
        {
            actions.AddRange(receipt.LedgerActions(snapshot.SubjectKey, snapshot.SubjectKey, receipt.ReceiptId));
        }

        if (removedColumns.Count > 0 && snapshot.OwnRows.FirstOrDefault(row => row.RowKey == SubjectRowKeys.Member) is { } member)
        {
            actions.Add(new(TableTransactionActionType.UpdateReplace, Without(member, removedColumns), member.ETag));
        }

        if (actions.Count == 0)
        {
            return WithdrawalAppend.Committed;
        }

        try
        {
            await tables.Subjects.SubmitTransactionAsync(actions, cancellationToken);
            return WithdrawalAppend.Committed;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 412 && !finalAttempt)
        {
            return WithdrawalAppend.Conflict;
        }
    }

    /// <summary>
    /// Appends grants to the member's own partition in one transaction — the receipt and its ledger rows — on condition
    /// that the member row is still the one read (an empty Merge under its version): false when the person was erased
    /// or re-registered since the snapshot, and nothing was written. On the <paramref name="finalAttempt"/> a changed
    /// member row is the storage failure it is; a missing one is always false.
    /// </summary>
    public async Task<bool> AppendMemberGrantAsync(SubjectSnapshot snapshot, ConsentReceiptDraft receipt, bool finalAttempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(receipt);
        if (snapshot.OwnRows.FirstOrDefault(row => row.RowKey == SubjectRowKeys.Member) is not { } member)
        {
            return false;
        }

        var actions = receipt.LedgerActions(snapshot.SubjectKey, snapshot.SubjectKey, receipt.ReceiptId).ToList();
        actions.Add(new(TableTransactionActionType.UpdateMerge, new TableEntity(member.PartitionKey, member.RowKey), member.ETag));
        try
        {
            await tables.Subjects.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404 || (ex.Status == 412 && !finalAttempt))
        {
            return false;
        }
    }

    /// <summary>
    /// Hides the name on each of the comments that still shows it (its public-display consent was withdrawn); returns
    /// how many it changed. Idempotent: a hidden or missing comment (never stored, purged, erased) is left alone.
    /// </summary>
    public async Task<int> HideCommentNamesAsync(IReadOnlyCollection<SubjectRecord> comments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comments);
        var hidden = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(comments, options, async (comment, token) =>
        {
            var (pageId, rowKey) = (comment.Partition, comment.Index.RecordRowKey);
            var row = await tables.Comments.GetEntityIfExistsAsync<TableEntity>(pageId, rowKey, ShowNameColumns, token);
            if (!row.HasValue || row.Value!.GetBoolean(ShowName) != true)
            {
                return;
            }

            try
            {
                await tables.Comments.UpdateEntityAsync(new TableEntity(pageId, rowKey) { [ShowName] = false }, ETag.All, TableUpdateMode.Merge, token);
                Interlocked.Increment(ref hidden);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Deleted since it was read (retention, erasure): nothing left to hide.
            }
        });
        return hidden;
    }

    /// <summary>
    /// Deletes rows of one partition in the order given — so a caller puts the rows it finds the others by last — with
    /// missing rows no error, and <paramref name="stripRowKeys"/> kept as bare rows (<see cref="PartitionDeletes"/>).
    /// </summary>
    private Task<int> DeleteRowsAsync(string table, string partition, IReadOnlyCollection<string> rowKeys, CancellationToken cancellationToken, IReadOnlyCollection<string>? stripRowKeys = null) =>
        PartitionDeletes.DeleteAsync(tables.ByName(table), partition, rowKeys, cancellationToken, stripRowKeys);

    /// <summary>
    /// Removes the person's rows from each partition their index points to: one transaction per partition (more past 100
    /// rows), up to 8 partitions at a time. The record rows go last: they are what a re-run finds the receipts,
    /// deliveries and idempotency records by. An idempotency record goes because its stored answer is the person's, and
    /// a replay of it would claim a submission that no longer exists: a request repeated with its key after the erasure
    /// is a new submission. A bare-marker row (a voter token's) stays, emptied, so the same cookie cannot vote again.
    /// </summary>
    private async Task<(int Deliveries, int Receipts, int IdempotencyRecords)> EraseRecordsAsync(SubjectSnapshot snapshot, CancellationToken cancellationToken)
    {
        var deliveries = 0;
        var receipts = 0;
        var idempotencyRecords = 0;
        var partitions = snapshot.Records.GroupBy(record => (record.Table, record.Partition)).ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(partitions, options, async (partition, token) =>
        {
            var dependents = new List<string>();
            var records = new List<string>();
            var strip = new List<string>();
            foreach (var record in partition.Where(record => record.Row is not null))
            {
                records.Add(record.Index.RecordRowKey);
                if (record.Row!.ReceiptId is { Length: > 0 } receiptId)
                {
                    dependents.Add(LedgerRowKeys.Receipt(receiptId));
                    Interlocked.Increment(ref receipts);
                }

                if (record.Row.DeliveryId is { Length: > 0 } deliveryId)
                {
                    dependents.Add(OwedDeliveryEntity.RowKeyFor(deliveryId));
                    await deliveryStore.DeleteFailureAsync(deliveryId, token);
                    Interlocked.Increment(ref deliveries);
                }

                if (record.Row.GetString(StoredRecord.IdempotencyColumn) is { Length: > 0 } idempotencyRowKey)
                {
                    dependents.Add(idempotencyRowKey);
                    Interlocked.Increment(ref idempotencyRecords);
                }

                if (record.Row.GetString(StoredRecord.ConfirmationIdColumn) is { Length: > 0 } confirmationId)
                {
                    dependents.Add(ConfirmationRecordEntity.RowKeyFor(confirmationId));
                    await confirmations.DeletePointerAsync(confirmationId, token);
                }

                if (record.Row.GetString(StoredRecord.BareMarkerColumn) is { Length: > 0 } markerRowKey)
                {
                    strip.Add(markerRowKey);
                }
            }

            var ledger = snapshot.Ledgers.FirstOrDefault(candidate => candidate.Table == partition.Key.Table && candidate.Partition == partition.Key.Partition);
            dependents.AddRange(ledger?.Records.Select(record => record.Key) ?? []);
            await DeleteRowsAsync(partition.Key.Table, partition.Key.Partition, [.. dependents, .. records], token, strip);
        });

        return (deliveries, receipts, idempotencyRecords);
    }

    /// <summary>The row as stored, minus some columns.</summary>
    private static TableEntity Without(TableEntity row, IReadOnlyCollection<string> columns)
    {
        var replacement = new TableEntity(row.PartitionKey, row.RowKey);
        foreach (var (name, value) in row)
        {
            if (name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag") && !columns.Contains(name))
            {
                replacement[name] = value;
            }
        }

        return replacement;
    }

    private static async Task<List<ConsentRecord>> ReadLedgerAsync(TableClient table, string partition, string subjectKey, CancellationToken cancellationToken)
    {
        var (from, to) = LedgerRowKeys.SubjectRange(subjectKey);
        var rows = await QueryListAsync<ConsentRecordEntity>(table, TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}"), cancellationToken);
        return [.. rows.Select(ConsentRecord.From)];
    }

    private static async Task<List<T>> QueryListAsync<T>(TableClient table, string filter, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var rows = new List<T>();
        await foreach (var row in table.QueryAsync<T>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static SubjectRecordEntity ToIndex(TableEntity row) => new()
    {
        PartitionKey = row.PartitionKey,
        RowKey = row.RowKey,
        Kind = row.GetString(nameof(SubjectRecordEntity.Kind)) ?? string.Empty,
        Table = row.GetString(nameof(SubjectRecordEntity.Table)) ?? string.Empty,
        Partition = row.GetString(nameof(SubjectRecordEntity.Partition)) ?? string.Empty,
        RecordRowKey = row.GetString(nameof(SubjectRecordEntity.RecordRowKey)) ?? string.Empty,
        CreatedAt = row.GetDateTimeOffset(nameof(SubjectRecordEntity.CreatedAt)) ?? default,
    };

    private static ConsentRecord ToConsentRecord(TableEntity row) => ConsentRecord.From(new ConsentRecordEntity
    {
        PartitionKey = row.PartitionKey,
        RowKey = row.RowKey,
        SubjectKey = row.GetString(nameof(ConsentRecordEntity.SubjectKey)),
        LabelId = row.GetString(nameof(ConsentRecordEntity.LabelId)) ?? string.Empty,
        Version = row.GetInt32(nameof(ConsentRecordEntity.Version)) ?? 0,
        Purpose = row.GetString(nameof(ConsentRecordEntity.Purpose)) ?? string.Empty,
        PartnerId = row.GetString(nameof(ConsentRecordEntity.PartnerId)),
        TextSha256 = row.GetString(nameof(ConsentRecordEntity.TextSha256)) ?? string.Empty,
        Granted = row.GetBoolean(nameof(ConsentRecordEntity.Granted)) ?? false,
        RecordedAt = row.GetDateTimeOffset(nameof(ConsentRecordEntity.RecordedAt)) ?? default,
        Form = row.GetString(nameof(ConsentRecordEntity.Form)) ?? string.Empty,
        SubmissionId = row.GetString(nameof(ConsentRecordEntity.SubmissionId)) ?? string.Empty,
        ReceiptId = row.GetString(nameof(ConsentRecordEntity.ReceiptId)) ?? string.Empty,
        ConfirmedAt = row.GetDateTimeOffset(nameof(ConsentRecordEntity.ConfirmedAt)),
        ConfirmationMethod = row.GetString(nameof(ConsentRecordEntity.ConfirmationMethod)),
    });
}
