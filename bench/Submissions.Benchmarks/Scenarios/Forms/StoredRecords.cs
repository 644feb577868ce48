using Azure.Data.Tables;
using Submissions.Application.Polls;
using Submissions.Domain.Forms;
using Submissions.Storage;
using Submissions.Storage.Comments;
using Submissions.Storage.Confirmations;
using Submissions.Storage.Polls;

namespace Submissions.Benchmarks.Scenarios.Forms;

/// <summary>
/// A form's main records as stored, counted by one keys-only query of its main table: before the runs and after, the
/// difference must be the submissions accepted. A 201 that stored nothing (or stored twice) would otherwise be timed
/// as a submission.
/// </summary>
internal sealed record StoredRecords(TableClient Table, string Filter)
{
    /// <summary>
    /// Registrations: each waits for its owner's confirmation as a pending row (docs/confirmation.md), in whatever
    /// partition of the Subjects table the app keeps it.
    /// </summary>
    public static StoredRecords Registrations(SubmissionsTables tables) =>
        new(tables.Subjects, Range(PendingSubmissionEntity.RowKeyPrefix) + " and " + TableClient.CreateQueryFilter($"Form eq {FormKind.Registration}"));

    /// <summary>Comments: the comment~ rows of the pages' partitions (their receipts, ledger and idempotency rows left out).</summary>
    public static StoredRecords Comments(SubmissionsTables tables) =>
        new(tables.Comments, Range(CommentEntity.RowKeyPrefix));

    /// <summary>Votes by voter token: the voter~t~ rows of the demo poll's vote partitions ("demo-poll~vNN").</summary>
    public static StoredRecords Votes(SubmissionsTables tables) =>
        new(tables.Polls, TableClient.CreateQueryFilter($"PartitionKey ge {DemoPollSeed.PollId + "~v"} and PartitionKey lt {DemoPollSeed.PollId + "~w"}") + " and " + Range(VoteEntity.TokenRowKeyPrefix));

    /// <summary>Entries: pending until confirmed, as rows of the Promotions table, whatever partition holds them.</summary>
    public static StoredRecords Entries(SubmissionsTables tables) =>
        new(tables.Promotions, Range(PendingSubmissionEntity.RowKeyPrefix) + " and " + TableClient.CreateQueryFilter($"Form eq {FormKind.Promotion}"));

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in Table.QueryAsync<TableEntity>(Filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

    /// <summary>Fails the run unless exactly <paramref name="accepted"/> records were added since <paramref name="before"/>.</summary>
    public async Task VerifyAddedAsync(string form, int before, int accepted, CancellationToken cancellationToken)
    {
        var added = await CountAsync(cancellationToken) - before;
        if (added != accepted)
        {
            throw new InvalidOperationException($"{form}: {accepted:N0} submissions were accepted but {added:N0} records were stored.");
        }
    }

    // Keys after the prefix sort below "~", the last printable ASCII character.
    private static string Range(string prefix) =>
        TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {prefix + "~"}");
}
