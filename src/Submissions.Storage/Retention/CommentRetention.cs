using Azure;
using Azure.Data.Tables;
using Submissions.Domain.Comments;
using Submissions.Storage.Comments;
using Submissions.Storage.Ledger;
using Submissions.Storage.Subjects;

namespace Submissions.Storage.Retention;

/// <summary>
/// Deletes comments left pending past their retention age, with everything written for them: the receipt and consent
/// rows beside them in the page's partition, and the index row in the person's partition. Approved and rejected
/// comments are kept.
/// </summary>
public sealed class CommentRetention(SubmissionsTables tables)
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
        await foreach (var comment in tables.Comments.QueryAsync<CommentEntity>(filter, select: Columns, cancellationToken: cancellationToken))
        {
            purged += await PurgeAsync(comment, cancellationToken) ? 1 : 0;
        }

        return purged;
    }

    /// <summary>
    /// The comment row is deleted under the ETag it was found with, in the same transaction as its ledger (at most 33
    /// rows), so a moderator's decision made meanwhile keeps the comment and all its rows. Its index row goes after it:
    /// a crash in between leaves an index row pointing at nothing, which access and erasure skip — never a comment that
    /// its person's index has lost.
    /// </summary>
    private async Task<bool> PurgeAsync(CommentEntity comment, CancellationToken cancellationToken)
    {
        var purged = await PurgeRowsAsync(comment, cancellationToken);
        if (purged && comment.SubjectKey is { } subjectKey)
        {
            var indexRowKey = SubjectRecordEntity.RowKeyFor(SubjectRecordKinds.Comment, comment.PartitionKey, comment.RowKey);
            await PartitionDeletes.DeleteOneAsync(tables.Subjects, subjectKey, indexRowKey, cancellationToken);
        }

        return purged;
    }

    private async Task<bool> PurgeRowsAsync(CommentEntity comment, CancellationToken cancellationToken)
    {
        var page = comment.PartitionKey;
        var (from, to) = LedgerRowKeys.SubjectRange(comment.SubjectKey ?? LedgerRowKeys.Anonymous);
        var consents = TableClient.CreateQueryFilter($"PartitionKey eq {page} and RowKey ge {from} and RowKey lt {to} and ReceiptId eq {comment.ReceiptId}");
        var ledger = await PartitionDeletes.RowKeysAsync(tables.Comments, consents, cancellationToken);
        ledger.Add(LedgerRowKeys.Receipt(comment.ReceiptId));

        if (ledger.Count < PartitionDeletes.MaxActions)
        {
            try
            {
                var actions = ledger.Select(rowKey => PartitionDeletes.Delete(page, rowKey)).Append(PartitionDeletes.Delete(page, comment.RowKey, comment.ETag));
                await tables.Comments.SubmitTransactionAsync(actions, cancellationToken);
                return true;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 412)
            {
                return false;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                // Part of it is already gone (another run or an erasure got there first): finish it row by row.
            }
        }

        return await DeleteOneByOneAsync(comment, ledger, cancellationToken);
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
