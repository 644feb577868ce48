using Azure;
using Azure.Data.Tables;
using Submissions.Domain.Comments;
using Submissions.Storage.Idempotency;
using Submissions.Storage.Ledger;
using Submissions.Storage.Subjects;

namespace Submissions.Storage.Comments;

/// <summary>
/// Comments live in their page's partition with their consent ledger and idempotency rows, so a comment is one
/// entity-group transaction — one round trip, two when it names a person (their index row first) — and a page's
/// listing is one partition range query. A retry is found by the transaction itself (its idempotency record's Add
/// conflicts), so the settled answer is read only then.
/// </summary>
public sealed class CommentStore(SubmissionsTables tables, SubjectIndex index)
{
    private static readonly string[] PublicColumns = ["PartitionKey", "RowKey", "DisplayName", "ShowName", "Text", "CreatedAt"];
    private static readonly string[] StatusColumns = ["PartitionKey", "RowKey", "Status", "ModeratedAt"];

    /// <summary>Stores a pending comment with its consent ledger and idempotency record, in one transaction.</summary>
    public Task<SubmissionOutcome> AddAsync(NewComment comment, ConsentReceiptDraft receipt, IdempotencyClaim? claim, StoredResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comment);
        ArgumentNullException.ThrowIfNull(receipt);
        var row = new CommentEntity
        {
            PartitionKey = comment.PageId,
            RowKey = comment.RowKey,
            DisplayName = comment.DisplayName,
            ShowName = comment.ShowName,
            Email = comment.Email,
            SubjectKey = comment.SubjectKey,
            Text = comment.Text,
            Status = CommentStatus.Pending,
            ReceiptId = receipt.ReceiptId,
            CreatedAt = comment.CreatedAt,
        };
        return AddAsync(row, receipt, claim, response, cancellationToken);
    }

    private async Task<SubmissionOutcome> AddAsync(
        CommentEntity comment, ConsentReceiptDraft receipt, IdempotencyClaim? claim, StoredResponse response, CancellationToken cancellationToken)
    {
        comment.IdempotencyRowKey = IdempotencyRecords.RowKeyOrNull(claim);
        if (comment.SubjectKey is { } subjectKey)
        {
            // The index row goes first, so a committed comment always has it (erasure finds the comment by it). The key's
            // record is not read first: that read would cost every keyed comment a round trip. A retried or reused key
            // is found by the transaction's Add of the record instead, and its attempt takes its own index row back
            // (the comment's row key is new on every attempt, so the row is this attempt's alone).
            await index.RecordAsync(
                subjectKey, SubjectRecordKinds.Comment, SubmissionsTables.CommentsName, comment.PartitionKey, comment.RowKey, receipt.RecordedAt, cancellationToken);
        }

        var actions = new List<TableTransactionAction>();
        if (claim is not null)
        {
            actions.Add(IdempotencyRecords.AddAction(comment.PartitionKey, claim, response, receipt.RecordedAt));
        }

        actions.Add(new(TableTransactionActionType.Add, comment));
        actions.AddRange(receipt.LedgerActions(comment.PartitionKey, comment.SubjectKey, comment.Id));
        try
        {
            await tables.Comments.SubmitTransactionAsync(actions, cancellationToken);
            return new SubmissionOutcome.Saved(response);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409 && claim is not null)
        {
            // The comment's row key is new, so only the idempotency record can already exist.
            var prior = await FindPriorOutcomeAsync(comment.PartitionKey, claim, cancellationToken)
                ?? throw new InvalidOperationException("A comment transaction conflicted without an idempotency record.", ex);

            // The SDK resends a transaction whose answer was lost: then the record it conflicts with is this attempt's
            // own (its answer names this comment's new id), and the index row points at the comment it stored.
            if (prior is SubmissionOutcome.Replayed { Response: var stored } && stored == response)
            {
                return new SubmissionOutcome.Saved(response);
            }

            // A retry, a reused key or a concurrent retry that stored the comment: this attempt's index row (unique to
            // it) would point at nothing.
            if (comment.SubjectKey is { } person)
            {
                await RemoveQuietlyAsync(person, comment, cancellationToken);
            }

            return prior;
        }
    }

    /// <summary>
    /// Best effort: the replay's answer is already settled, and a pointer to nothing is skipped by access and erasure,
    /// so failing to remove it must not turn the replay into a 503.
    /// </summary>
    private async Task RemoveQuietlyAsync(string person, CommentEntity comment, CancellationToken cancellationToken)
    {
        try
        {
            await index.RemoveAsync(person, SubjectRecordKinds.Comment, comment.PartitionKey, comment.RowKey, cancellationToken);
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            // Left for erasure or retention, which skip and remove pointers to nothing.
        }
    }

    public Task<SubmissionOutcome?> FindPriorOutcomeAsync(string pageId, IdempotencyClaim claim, CancellationToken cancellationToken) =>
        IdempotencyRecords.FindPriorOutcomeAsync(tables.Comments, pageId, claim, cancellationToken);

    /// <summary>Approved comments of one page, newest first, public columns only.</summary>
    public Task<CommentPage> ListApprovedAsync(string pageId, int pageSize, string? storageToken, CancellationToken cancellationToken) =>
        ListAsync(
            TableClient.CreateQueryFilter($"PartitionKey eq {pageId} and RowKey ge {CommentEntity.RowKeyPrefix} and RowKey lt {CommentEntity.RowKeyPrefix + "~"} and Status eq {CommentStatus.Approved}"),
            PublicColumns,
            pageSize,
            storageToken,
            cancellationToken);

    /// <summary>
    /// Comments in one status across all pages, for moderators. A cross-partition query: its cost grows with the
    /// number of comments kept, which the retention purge of unmoderated comments bounds.
    /// </summary>
    public Task<CommentPage> ListByStatusAsync(string status, int pageSize, string? storageToken, CancellationToken cancellationToken) =>
        ListAsync(
            TableClient.CreateQueryFilter($"RowKey ge {CommentEntity.RowKeyPrefix} and RowKey lt {CommentEntity.RowKeyPrefix + "~"} and Status eq {status}"),
            [.. PublicColumns, "Status"],
            pageSize,
            storageToken,
            cancellationToken);

    /// <summary>
    /// Sets the status of the comment a public id names; null when the id names no comment (one that does not have
    /// the shape this app writes costs no storage request). Setting the status it has is harmless.
    /// </summary>
    public Task<ModeratedComment?> ModerateAsync(string commentId, string status, DateTimeOffset now, CancellationToken cancellationToken) =>
        CommentIds.TryDecode(commentId, out var pageId, out var rowKey)
            ? SetStatusAsync(pageId, rowKey, status, now, cancellationToken)
            : Task.FromResult<ModeratedComment?>(null);

    /// <summary>
    /// Sets a comment's status; null when there is no such comment. Setting the status it has is harmless. Reads only
    /// the status columns: a decision needs neither the name nor the text.
    /// </summary>
    private async Task<ModeratedComment?> SetStatusAsync(string pageId, string rowKey, string status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var found = await tables.Comments.GetEntityIfExistsAsync<TableEntity>(pageId, rowKey, StatusColumns, cancellationToken);
        if (!found.HasValue)
        {
            return null;
        }

        var current = found.Value!;
        if (current.GetString(nameof(CommentEntity.Status)) == status)
        {
            return new ModeratedComment(pageId, rowKey, status, current.GetDateTimeOffset(nameof(CommentEntity.ModeratedAt)));
        }

        var change = new TableEntity(pageId, rowKey) { [nameof(CommentEntity.Status)] = status, [nameof(CommentEntity.ModeratedAt)] = now };
        await tables.Comments.UpdateEntityAsync(change, ETag.All, TableUpdateMode.Merge, cancellationToken);
        return new ModeratedComment(pageId, rowKey, status, now);
    }

    private async Task<CommentPage> ListAsync(string filter, string[] columns, int pageSize, string? storageToken, CancellationToken cancellationToken)
    {
        try
        {
            var pages = tables.Comments.QueryAsync<CommentEntity>(filter, pageSize, columns, cancellationToken).AsPages(storageToken, pageSize);
            await foreach (var page in pages)
            {
                return new CommentPage([.. page.Values.Select(StoredComment.From)], page.ContinuationToken);
            }

            return new CommentPage([], null);
        }
        catch (RequestFailedException ex) when (PageToken.IsRefused(ex, storageToken))
        {
            return new CommentPage([], null, TokenRefused: true);
        }
    }
}
