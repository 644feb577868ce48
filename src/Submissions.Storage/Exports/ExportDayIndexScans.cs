using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Submissions.Storage.Comments;
using Submissions.Storage.Ledger;
using Submissions.Storage.Polls;
using Submissions.Storage.Subjects;

namespace Submissions.Storage.Exports;

/// <summary>
/// What the indexing run reads to build the export day index: per indexed kind, the rows its export reads, stamped in
/// [from, to) — by the same key range and date column as its export, keys and the date only. One cross-partition query
/// per kind and table, like the export's own scan, but once per finished day rather than once per export; resumable
/// from any page (<see cref="ExportIndexCursor"/>), so a run cut short by the function timeout goes on where it stopped.
/// Only kinds whose rows are written when they are stamped are indexed (<see cref="ExportIndexKinds.Indexed"/>): a day
/// indexed once its grace is over then has all its rows.
/// </summary>
public sealed class ExportDayIndexScans(SubmissionsTables tables)
{
    /// <summary>
    /// Every index entry for rows stamped in [<paramref name="from"/>, <paramref name="to"/>), a storage page at a time
    /// from <paramref name="start"/>, each with the cursor to resume after it.
    /// </summary>
    public async IAsyncEnumerable<(IReadOnlyList<IndexedExportRow> Entries, ExportIndexCursor Next)> EntriesAsync(
        DateTimeOffset from, DateTimeOffset to, ExportIndexCursor start, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var scans = Scans().ToList();

        // A cursor that names another scan than the one at its number (the forms changed since) starts over: upserts
        // make what is written again harmless, and no table's continuation is applied to another.
        if (start.Scan > 0 || start.Continuation is not null)
        {
            start = start.Scan < scans.Count && scans[start.Scan].Name == start.ScanName ? start : ExportIndexCursor.Start;
        }

        for (var i = start.Scan; i < scans.Count; i++)
        {
            var scan = scans[i];
            var stamped = scan.DateColumn + " ge " + Literal(from) + " and " + scan.DateColumn + " lt " + Literal(to);
            var filter = scan.KeyFilter + " and " + stamped;
            string[] select = ["PartitionKey", "RowKey", scan.DateColumn, .. scan.Columns];
            var continuation = i == start.Scan ? start.Continuation : null;
            await foreach (var page in scan.Table.QueryAsync<TableEntity>(filter, select: select, cancellationToken: cancellationToken).AsPages(continuation))
            {
                IReadOnlyList<IndexedExportRow> entries = [.. page.Values
                    .Where(row => scan.Include?.Invoke(row) ?? true)
                    .Select(row => IndexedExportRow.Of(scan.Kind, row.GetDateTimeOffset(scan.DateColumn)!.Value, scan.TableName, row.PartitionKey, row.RowKey))];
                yield return (entries, page.ContinuationToken is { } next
                    ? new ExportIndexCursor(i, next, scan.Name)
                    : new ExportIndexCursor(i + 1, null, i + 1 < scans.Count ? scans[i + 1].Name : null));
            }
        }
    }

    /// <summary>In a fixed order, so a cursor's scan number names the same scan in the next run.</summary>
    private IEnumerable<Scan> Scans()
    {
        yield return new(ExportIndexKinds.Registrations, SubmissionsTables.SubjectsName, tables.Subjects, TableClient.CreateQueryFilter($"RowKey eq {SubjectRowKeys.Member}"), "RegisteredAt");
        yield return new(ExportIndexKinds.Comments, SubmissionsTables.CommentsName, tables.Comments, PrefixFilter(CommentEntity.RowKeyPrefix), nameof(CommentEntity.CreatedAt));
        yield return new(ExportIndexKinds.Votes, SubmissionsTables.PollsName, tables.Polls, PrefixFilter(VoteEntity.RowKeyPrefix), nameof(VoteEntity.CreatedAt), [nameof(VoteEntity.TokenRowKey)], IsOneVote);
        foreach (var name in tables.LedgerTableNames)
        {
            yield return new(ExportIndexKinds.Consents, name, tables.ByName(name), PrefixFilter(LedgerRowKeys.ConsentPrefix), nameof(ConsentRecordEntity.RecordedAt));
        }
    }

    private static bool IsOneVote(TableEntity row) => VoteEntity.StandsForItsVote(row.RowKey, row.GetString(nameof(VoteEntity.TokenRowKey)));

    private static string PrefixFilter(string prefix) => TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {prefix + "~"}");

    private static string Literal(DateTimeOffset time) => TableClient.CreateQueryFilter($"{time}");

    private sealed record Scan(string Kind, string TableName, TableClient Table, string KeyFilter, string DateColumn, string[]? ExtraColumns = null, Func<TableEntity, bool>? Include = null)
    {
        public string[] Columns => ExtraColumns ?? [];

        public string Name => Kind + "/" + TableName;
    }
}
