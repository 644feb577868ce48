using Azure;
using Azure.Data.Tables;
using Submissions.Domain.Comments;
using Submissions.Storage.Comments;
using Submissions.Storage.Exports;
using Submissions.Storage.Ledger;
using Submissions.Storage.Subjects;

namespace Submissions.Storage.Retention;

/// <summary>
/// Deletes comments left pending past their retention age, with everything written for them: the receipt and consent
/// rows beside them in the page's partition, and the index row in the person's partition. Approved and rejected
/// comments are kept.
/// </summary>
public sealed class CommentRetention(SubmissionsTables tables, ExportDayIndexStore exportIndex)
{
    private static readonly string[] Columns = ["PartitionKey", "RowKey", "SubjectKey", "ReceiptId", "CreatedAt"];

    /// <summary>
    /// Deletes the comments still pending that were created before <paramref name="cutoff"/>; returns how many. A scan
    /// across pages over the comment range (see docs/data-model.md, "Retention"); re-running it finds only what is left.
    /// </summary>
    public async Task<int> PurgePendingBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {CommentEntity.RowKeyPrefix} and RowKey lt {CommentEntity.RowKeyPrefix + "~"} and Status eq {CommentStatus.Pending} and CreatedAt lt {cutoff}");
        var purged = 0;
        var horizon = (await exportIndex.ReadStateAsync(cancellationToken)).Horizon;
        await foreach (var comment in tables.Comments.QueryAsync<CommentEntity>(filter, select: Columns, cancellationToken: cancellationToken))
        {
            purged += await PurgeAsync(comment, horizon, cancellationToken) ? 1 : 0;
        }

        return purged;
    }

    /// <summary>
    /// The comment row is deleted under the ETag it was found with, in the same transaction as its ledger (at most 33
    /// rows), so a moderator's decision made meanwhile keeps the comment and all its rows. Its export day index
    /// pointers go first (they carry the person's key, and once the rows are gone nothing finds them) and come back for
    /// what a moderator kept; its index row goes after it: a crash in between leaves an index row pointing at nothing,
    /// which access and erasure skip — never a comment that its person's index has lost.
    /// </summary>
    private async Task<bool> PurgeAsync(CommentEntity comment, DateOnly? horizon, CancellationToken cancellationToken)
    {
        var page = comment.PartitionKey;
        var (from, to) = LedgerRowKeys.SubjectRange(comment.SubjectKey ?? LedgerRowKeys.Anonymous);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {page} and RowKey ge {from} and RowKey lt {to} and ReceiptId eq {comment.ReceiptId}");
        var consents = new List<IndexedExportRow>();
        var ledger = new List<string>();
        await foreach (var row in tables.Comments.QueryAsync<TableEntity>(filter, select: ["RowKey", "RecordedAt"], cancellationToken: cancellationToken))
        {
            ledger.Add(row.RowKey);
            if (row.GetDateTimeOffset("RecordedAt") is { } recordedAt)
            {
                consents.Add(IndexedExportRow.Of(ExportIndexKinds.Consents, recordedAt, SubmissionsTables.CommentsName, page, row.RowKey));
            }
        }

        var pointer = IndexedExportRow.Of(ExportIndexKinds.Comments, comment.CreatedAt, SubmissionsTables.CommentsName, page, comment.RowKey);
        await exportIndex.ForgetAsync([pointer, .. consents], horizon, cancellationToken);
        ledger.Add(LedgerRowKeys.Receipt(comment.ReceiptId));

        var outcome = await PurgeRowsAsync(comment, ledger, cancellationToken);
        if (outcome != PurgeOutcome.Purged)
        {
            // Kept by a moderator meanwhile: its pointers come back, its ledger's too if it is still there.
            IndexedExportRow[] kept = outcome == PurgeOutcome.KeptWithLedger ? [pointer, .. consents] : outcome == PurgeOutcome.Kept ? [pointer] : [];
            await exportIndex.AddAsync(kept.Where(entry => horizon is { } last && entry.Day <= last), cancellationToken);
            return false;
        }

        if (comment.SubjectKey is { } subjectKey)
        {
            var indexRowKey = SubjectRecordEntity.RowKeyFor(SubjectRecordKinds.Comment, comment.PartitionKey, comment.RowKey);
            await PartitionDeletes.DeleteOneAsync(tables.Subjects, subjectKey, indexRowKey, cancellationToken);
        }

        return true;
    }

    private async Task<PurgeOutcome> PurgeRowsAsync(CommentEntity comment, List<string> ledger, CancellationToken cancellationToken)
    {
        var page = comment.PartitionKey;
        if (ledger.Count < PartitionDeletes.MaxActions)
        {
            try
            {
                var actions = ledger.Select(rowKey => PartitionDeletes.Delete(page, rowKey)).Append(PartitionDeletes.Delete(page, comment.RowKey, comment.ETag));
                await tables.Comments.SubmitTransactionAsync(actions, cancellationToken);
                return PurgeOutcome.Purged;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 412)
            {
                return PurgeOutcome.KeptWithLedger;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                // Part of it is already gone (another run or an erasure got there first): finish it row by row.
            }
        }

        return await DeleteOneByOneAsync(comment, ledger, cancellationToken);
    }

    /// <summary>The ledger rows unconditionally (missing ones skipped), then the comment under its ETag.</summary>
    private async Task<PurgeOutcome> DeleteOneByOneAsync(CommentEntity comment, List<string> ledger, CancellationToken cancellationToken)
    {
        await PartitionDeletes.DeleteAsync(tables.Comments, comment.PartitionKey, ledger, cancellationToken);
        try
        {
            var response = await tables.Comments.DeleteEntityAsync(comment.PartitionKey, comment.RowKey, comment.ETag, cancellationToken);
            return response.Status != 404 ? PurgeOutcome.Purged : PurgeOutcome.Gone;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return PurgeOutcome.Gone;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // Moderated meanwhile: it stays, with its index row.
            return PurgeOutcome.Kept;
        }
    }

    private enum PurgeOutcome
    {
        /// <summary>This run deleted the comment and its ledger.</summary>
        Purged,

        /// <summary>A moderator's decision came first: the comment and its ledger stay.</summary>
        KeptWithLedger,

        /// <summary>A moderator's decision came first, after the ledger was deleted row by row: the comment stays.</summary>
        Kept,

        /// <summary>Somebody else deleted the comment first.</summary>
        Gone,
    }
}
