using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Submissions.Storage.Ledger;
using Submissions.Storage.Outbox;
using Submissions.Storage.Subjects;

namespace Submissions.Storage.Confirmations;

/// <summary>
/// Pending submissions: where a confirm link or a mail message leads (the location its id names, or for an id
/// written before issue 18 its pointer row), the confirmation mail's
/// outbox state, the confirmation records, and the expired ones the retention purge removes. What confirming does to a
/// form's own records is the form's store's (registration, promotion).
/// </summary>
public sealed class ConfirmationStore(SubmissionsTables tables, SubjectIndex index)
{
    /// <summary>The tables pending submissions live in: the subjects' (registrations) and the promotions'.</summary>
    private static readonly string[] PendingTables = [SubmissionsTables.SubjectsName, SubmissionsTables.PromotionsName];

    /// <summary>The pending row, as an Add for the submission's own transaction.</summary>
    public static TableTransactionAction PendingAction(NewPendingSubmission pending, string? idempotencyRowKey)
    {
        ArgumentNullException.ThrowIfNull(pending);
        return new(TableTransactionActionType.Add, new PendingSubmissionEntity
        {
            PartitionKey = pending.Partition,
            RowKey = PendingSubmissionEntity.RowKeyFor(pending.ConfirmationId),
            ConfirmationId = pending.ConfirmationId,
            Form = pending.Form,
            SubjectKey = pending.SubjectKey,
            Email = pending.Email,
            Name = pending.Name,
            DataJson = pending.DataJson,
            AnswersJson = JsonSerializer.Serialize(pending.Answers),
            ReceiptId = pending.ReceiptId,
            SubmissionId = pending.SubmissionId,
            PlannedDeliveryId = pending.DeliveryId,
            PartnerId = pending.PartnerId,
            IdempotencyRowKey = idempotencyRowKey,
            CreatedAt = pending.CreatedAt,
            ExpiresAt = pending.ExpiresAt,
            LegacyEntryCheck = pending.LegacyEntryCheck ? true : null,
        });
    }

    /// <summary>The receipt of a pending submission: its answers, not yet in the ledger, and the confirmation it waits for.</summary>
    public static TableTransactionAction ReceiptAction(NewPendingSubmission pending) =>
        new(TableTransactionActionType.Add, new ReceiptEntity
        {
            PartitionKey = pending.Partition,
            RowKey = LedgerRowKeys.Receipt(pending.ReceiptId),
            ReceiptId = pending.ReceiptId,
            SubjectKey = pending.SubjectKey,
            Form = pending.Form,
            SubmissionId = pending.SubmissionId,
            RecordedAt = pending.CreatedAt,
            Answers = string.Join(';', pending.Answers.Select(a => $"{a.LabelId}:{a.Version}:{(a.Granted ? "granted" : "declined")}")),
            ConfirmationId = pending.ConfirmationId,
        });

    /// <summary>
    /// What a confirmation id leads to: one query of the partition its id names (pending row or confirmation record); an
    /// id written before issue 18 reads its pointer first.
    /// </summary>
    public async Task<ConfirmationLookup> FindAsync(string confirmationId, CancellationToken cancellationToken)
    {
        string tableName, partition;
        if (ConfirmationIds.Location(confirmationId) is { } location)
        {
            (tableName, partition) = location;
        }
        else
        {
            if (!ConfirmationIds.HasPointer(confirmationId))
            {
                return new ConfirmationLookup(null, null);
            }

            var pointer = await tables.Confirmations.GetEntityIfExistsAsync<ConfirmationPointerEntity>(
                confirmationId, ConfirmationPointerEntity.PointerRowKey, cancellationToken: cancellationToken);
            if (!pointer.HasValue || pointer.Value is not { } found)
            {
                return new ConfirmationLookup(null, null);
            }

            (tableName, partition) = (found.TableName, found.Partition);
        }

        return await ReadAsync(confirmationId, tableName, partition, cancellationToken);
    }

    private async Task<ConfirmationLookup> ReadAsync(string confirmationId, string tableName, string partition, CancellationToken cancellationToken)
    {
        var table = tables.ByName(tableName);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and (RowKey eq {PendingSubmissionEntity.RowKeyFor(confirmationId)} or RowKey eq {ConfirmationRecordEntity.RowKeyFor(confirmationId)})");
        PendingSubmission? pending = null;
        ConfirmationRecord? record = null;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey.StartsWith(PendingSubmissionEntity.RowKeyPrefix, StringComparison.Ordinal))
            {
                pending = new PendingSubmission(ToPending(row), tableName);
            }
            else
            {
                record = ToRecord(row);
            }
        }

        return new ConfirmationLookup(pending, record);
    }

    /// <summary>The pending row as stored now, or null when it is gone (confirmed, expired, erased).</summary>
    public async Task<PendingSubmission?> RereadAsync(PendingSubmission pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var row = await tables.ByName(pending.TableName).GetEntityIfExistsAsync<PendingSubmissionEntity>(
            pending.Partition, pending.Entity.RowKey, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } found ? new PendingSubmission(found, pending.TableName) : null;
    }

    /// <summary>Writes the mail's outbox state under the version read; false when the row changed or went meanwhile.</summary>
    public Task<bool> TryUpdateAsync(PendingSubmission pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        return OutboxRows.TryReplaceAsync(tables.ByName(pending.TableName), pending.Entity, cancellationToken);
    }

    /// <summary>Pending submissions whose confirmation mail is still owed since before <paramref name="cutoff"/>: one scan per table.</summary>
    public async IAsyncEnumerable<PendingSubmission> ListOwedBeforeAsync(DateTimeOffset cutoff, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var name in PendingTables)
        {
            var filter = TableClient.CreateQueryFilter(
                $"RowKey ge {PendingSubmissionEntity.RowKeyPrefix} and RowKey lt {PendingSubmissionEntity.RowKeyPrefix + "~"} and Status eq {OutboxStatus.Owed} and CreatedAt lt {cutoff}");
            await foreach (var row in tables.ByName(name).QueryAsync<PendingSubmissionEntity>(filter, cancellationToken: cancellationToken))
            {
                yield return new PendingSubmission(row, name);
            }
        }
    }

    /// <summary>Pending submissions that expired unconfirmed before <paramref name="now"/>: one scan per table.</summary>
    public async IAsyncEnumerable<PendingSubmission> ListExpiredAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var name in PendingTables)
        {
            var filter = TableClient.CreateQueryFilter(
                $"RowKey ge {PendingSubmissionEntity.RowKeyPrefix} and RowKey lt {PendingSubmissionEntity.RowKeyPrefix + "~"} and ExpiresAt le {now}");
            await foreach (var row in tables.ByName(name).QueryAsync<PendingSubmissionEntity>(filter, cancellationToken: cancellationToken))
            {
                yield return new PendingSubmission(row, name);
            }
        }
    }

    /// <summary>
    /// Removes an expired pending submission — its row, receipt, idempotency record, pointer and index row. The row goes under
    /// the version read (one transaction with its receipt), so a confirmation landing at the same moment wins; false then.
    /// </summary>
    public async Task<bool> DeleteExpiredAsync(PendingSubmission pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var table = tables.ByName(pending.TableName);
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.Delete, pending.Entity, pending.Entity.ETag),
            new(TableTransactionActionType.Delete, new TableEntity(pending.Partition, LedgerRowKeys.Receipt(pending.ReceiptId)), ETag.All),
        ];
        if (pending.Entity.IdempotencyRowKey is { } idempotency)
        {
            actions.Add(new(TableTransactionActionType.Delete, new TableEntity(pending.Partition, idempotency), ETag.All));
        }

        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 412)
        {
            // A receipt or key already gone is no reason to keep the rest: remove the row alone.
            if (ex.Status == 412 || !await TryDeleteRowAsync(table, pending, cancellationToken))
            {
                return false;
            }
        }

        await DeletePointerAsync(pending.ConfirmationId, cancellationToken);
        if (pending.TableName == SubmissionsTables.PromotionsName)
        {
            try
            {
                await index.RemoveAsync(pending.SubjectKey, SubjectRecordKinds.PromotionEntry, pending.Partition, pending.Entity.RowKey, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Already gone.
            }
        }

        return true;
    }

    /// <summary>Removes the pointer of an id written before issue 18 once nothing waits under it any more; newer ids have none.</summary>
    public async Task DeletePointerAsync(string confirmationId, CancellationToken cancellationToken)
    {
        if (!ConfirmationIds.HasPointer(confirmationId))
        {
            return;
        }

        try
        {
            await tables.Confirmations.DeleteEntityAsync(confirmationId, ConfirmationPointerEntity.PointerRowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone.
        }
    }

    /// <summary>Removes the pointers whose submission expired before <paramref name="cutoff"/> (dangling ones included): one scan.</summary>
    public async Task DeleteExpiredPointersAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"ExpiresAt le {cutoff}");
        await foreach (var pointer in tables.Confirmations.QueryAsync<ConfirmationPointerEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            await DeletePointerAsync(pointer.PartitionKey, cancellationToken);
        }
    }

    /// <summary>
    /// The transaction actions that make a pending submission's answers take effect: one ledger row per answer (recorded
    /// at the confirmation), the confirmation record, and the pending row's removal under the version read.
    /// </summary>
    public static IEnumerable<TableTransactionAction> ConfirmActions(PendingSubmission pending, string method, DateTimeOffset confirmedAt, string result)
    {
        ArgumentNullException.ThrowIfNull(pending);
        if (result == ConfirmationResults.Applied)
        {
            foreach (var answer in pending.Answers)
            {
                yield return new(TableTransactionActionType.Add, new ConsentRecordEntity
                {
                    PartitionKey = pending.Partition,
                    SubjectKey = pending.SubjectKey,
                    RowKey = LedgerRowKeys.Consent(answer.LabelId, pending.SubjectKey, confirmedAt, pending.ReceiptId),
                    LabelId = answer.LabelId,
                    Version = answer.Version,
                    Purpose = answer.Purpose,
                    PartnerId = answer.PartnerId,
                    TextSha256 = answer.TextSha256,
                    Granted = answer.Granted,
                    RecordedAt = confirmedAt,
                    Form = pending.Form,
                    SubmissionId = pending.SubmissionId,
                    ReceiptId = pending.ReceiptId,
                    ConfirmedAt = confirmedAt,
                    ConfirmationMethod = method,
                });
            }
        }

        yield return new(TableTransactionActionType.Add, new ConfirmationRecordEntity
        {
            PartitionKey = pending.Partition,
            RowKey = ConfirmationRecordEntity.RowKeyFor(pending.ConfirmationId),
            ConfirmationId = pending.ConfirmationId,
            Form = pending.Form,
            ReceiptId = pending.ReceiptId,
            SubmissionId = pending.SubmissionId,
            Method = method,
            SubmittedAt = pending.CreatedAt,
            ConfirmedAt = confirmedAt,
            Result = result,
        });
        yield return new(TableTransactionActionType.Delete, pending.Entity, pending.Entity.ETag);
    }

    private static async Task<bool> TryDeleteRowAsync(TableClient table, PendingSubmission pending, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(pending.Entity, pending.Entity.ETag, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    private static PendingSubmissionEntity ToPending(TableEntity row) => new()
    {
        PartitionKey = row.PartitionKey,
        RowKey = row.RowKey,
        ETag = row.ETag,
        Timestamp = row.Timestamp,
        ConfirmationId = row.GetString(nameof(PendingSubmissionEntity.ConfirmationId)) ?? string.Empty,
        Form = row.GetString(nameof(PendingSubmissionEntity.Form)) ?? string.Empty,
        SubjectKey = row.GetString(nameof(PendingSubmissionEntity.SubjectKey)) ?? string.Empty,
        Email = row.GetString(nameof(PendingSubmissionEntity.Email)) ?? string.Empty,
        Name = row.GetString(nameof(PendingSubmissionEntity.Name)) ?? string.Empty,
        DataJson = row.GetString(nameof(PendingSubmissionEntity.DataJson)) ?? "{}",
        AnswersJson = row.GetString(nameof(PendingSubmissionEntity.AnswersJson)) ?? "[]",
        ReceiptId = row.GetString(nameof(PendingSubmissionEntity.ReceiptId)) ?? string.Empty,
        SubmissionId = row.GetString(nameof(PendingSubmissionEntity.SubmissionId)) ?? string.Empty,
        PlannedDeliveryId = row.GetString(nameof(PendingSubmissionEntity.PlannedDeliveryId)),
        PartnerId = row.GetString(nameof(PendingSubmissionEntity.PartnerId)),
        IdempotencyRowKey = row.GetString(nameof(PendingSubmissionEntity.IdempotencyRowKey)),
        CreatedAt = row.GetDateTimeOffset(nameof(PendingSubmissionEntity.CreatedAt)) ?? default,
        ExpiresAt = row.GetDateTimeOffset(nameof(PendingSubmissionEntity.ExpiresAt)) ?? default,
        LegacyEntryCheck = row.GetBoolean(nameof(PendingSubmissionEntity.LegacyEntryCheck)),
        Status = row.GetString(nameof(PendingSubmissionEntity.Status)) ?? OutboxStatus.Owed,
        Attempts = row.GetInt32(nameof(PendingSubmissionEntity.Attempts)) ?? 0,
        ClaimedUntil = row.GetDateTimeOffset(nameof(PendingSubmissionEntity.ClaimedUntil)),
        LastSentAt = row.GetDateTimeOffset(nameof(PendingSubmissionEntity.LastSentAt)),
        CompletedAt = row.GetDateTimeOffset(nameof(PendingSubmissionEntity.CompletedAt)),
        LastError = row.GetString(nameof(PendingSubmissionEntity.LastError)),
    };

    private static ConfirmationRecord ToRecord(TableEntity row) => new(
        row.GetString(nameof(ConfirmationRecordEntity.ConfirmationId)) ?? string.Empty,
        row.GetString(nameof(ConfirmationRecordEntity.Form)) ?? string.Empty,
        row.GetString(nameof(ConfirmationRecordEntity.ReceiptId)) ?? string.Empty,
        row.GetString(nameof(ConfirmationRecordEntity.Method)) ?? string.Empty,
        row.GetDateTimeOffset(nameof(ConfirmationRecordEntity.ConfirmedAt)) ?? default,
        row.GetString(nameof(ConfirmationRecordEntity.Result)) ?? string.Empty);
}
