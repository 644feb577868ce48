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
        var indexedThrough = await exportIndex.IndexedThroughAsync(cancellationToken);
        await foreach (var comment in tables.Comments.QueryAsync<CommentEntity>(filter, select: Columns, cancellationToken: cancellationToken))
        {
            purged += await PurgeAsync(comment, indexedThrough, cancellationToken) ? 1 : 0;
        }

        return purged;
    }

    /// <summary>
    /// The comment row is deleted under the ETag it was found with, in the same transaction as its ledger (at most 33
    /// rows), so a moderator's decision made meanwhile keeps the comment and all its rows. Its index row and its export
    /// day index pointers go after it: a crash in between leaves pointers to nothing, which access, erasure and exports
    /// skip — never a comment that its person's index or an export has lost.
    /// </summary>
    private async Task<bool> PurgeAsync(CommentEntity comment, DateOnly? indexedThrough, CancellationToken cancellationToken)
    {
        var (purged, ledger) = await PurgeRowsAsync(comment, cancellationToken);
        if (purged)
        {
            IndexedExportRow[] exported =
            [
                IndexedExportRow.Of(ExportIndexKinds.Comments, comment.CreatedAt, SubmissionsTables.CommentsName, comment.PartitionKey, comment.RowKey),
                .. ledger.Where(row => row.RecordedAt is not null).Select(row =>
                    IndexedExportRow.Of(ExportIndexKinds.Consents, row.RecordedAt!.Value, SubmissionsTables.CommentsName, comment.PartitionKey, row.RowKey)),
            ];
            await exportIndex.ForgetAsync(exported, indexedThrough, cancellationToken);
        }

        if (purged && comment.SubjectKey is { } subjectKey)
        {
            var indexRowKey = SubjectRecordEntity.RowKeyFor(SubjectRecordKinds.Comment, comment.PartitionKey, comment.RowKey);
            await PartitionDeletes.DeleteOneAsync(tables.Subjects, subjectKey, indexRowKey, cancellationToken);
        }

        return purged;
    }

    /// <summary>Whether this run purged the comment, and the ledger rows it removed with it (their keys and stamps).</summary>
    private async Task<(bool Purged, List<(string RowKey, DateTimeOffset? RecordedAt)> Consents)> PurgeRowsAsync(CommentEntity comment, CancellationToken cancellationToken)
    {
        var page = comment.PartitionKey;
        var (from, to) = LedgerRowKeys.SubjectRange(comment.SubjectKey ?? LedgerRowKeys.Anonymous);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {page} and RowKey ge {from} and RowKey lt {to} and ReceiptId eq {comment.ReceiptId}");
        var consents = new List<(string RowKey, DateTimeOffset? RecordedAt)>();
        await foreach (var row in tables.Comments.QueryAsync<TableEntity>(filter, select: ["RowKey", "RecordedAt"], cancellationToken: cancellationToken))
        {
            consents.Add((row.RowKey, row.GetDateTimeOffset("RecordedAt")));
        }

        var ledger = consents.Select(row => row.RowKey).ToList();
        ledger.Add(LedgerRowKeys.Receipt(comment.ReceiptId));

        if (ledger.Count < PartitionDeletes.MaxActions)
        {
            try
            {
                var actions = ledger.Select(rowKey => PartitionDeletes.Delete(page, rowKey)).Append(PartitionDeletes.Delete(page, comment.RowKey, comment.ETag));
                await tables.Comments.SubmitTransactionAsync(actions, cancellationToken);
                return (true, consents);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 412)
            {
                return (false, consents);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                // Part of it is already gone (another run or an erasure got there first): finish it row by row.
            }
        }

        return (await DeleteOneByOneAsync(comment, ledger, cancellationToken), consents);
    }

    /// <summary>The ledger rows unconditionally (missing ones skipped), then the comment under its ETag.</summary>
    private async Task<bool> DeleteOneByOneAsync(CommentEntity comment, List<string> ledger, CancellationToken cancellationToken)
    {
        await PartitionDeletes.DeleteAsync(tables.Comments, comment.PartitionKey, ledger, cancellationToken);
        try
        {
            var response = await tables.Comments.DeleteEntityAsync(comment.PartitionKey, comment.RowKey, comment.ETag, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // Moderated meanwhile: it stays, with its index row.
            return false;
        }
    }
}
