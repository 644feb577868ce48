using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Submissions.Storage.Comments;
using Submissions.Storage.Ledger;
using Submissions.Storage.Polls;
using Submissions.Storage.Promotions;
using Submissions.Storage.Subjects;

namespace Submissions.Storage.Exports;

/// <summary>
/// What the indexing run reads to build the export day index: per export kind, the rows its export reads, stamped in
/// [from, to) — each kind's rows by the same key range and date column as its export, keys and the date only. One
/// cross-partition query per kind and table, like the export's own scan, but once per finished day rather than once
/// per export.
/// </summary>
public sealed class ExportDayIndexScans(SubmissionsTables tables)
{
    /// <summary>Every index entry for rows stamped in [<paramref name="from"/>, <paramref name="to"/>), a storage page at a time.</summary>
    public async IAsyncEnumerable<IReadOnlyList<IndexedExportRow>> EntriesAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var scan in Scans())
        {
            var stamped = scan.DateColumn + " ge " + Literal(from) + " and " + scan.DateColumn + " lt " + Literal(to);
            var filter = scan.KeyFilter is null ? stamped : scan.KeyFilter + " and " + stamped;
            string[] select = ["PartitionKey", "RowKey", scan.DateColumn, .. scan.Columns];
            await foreach (var page in scan.Table.QueryAsync<TableEntity>(filter, select: select, cancellationToken: cancellationToken).AsPages())
            {
                yield return [.. page.Values
                    .Where(row => scan.Include?.Invoke(row) ?? true)
                    .Select(row => IndexedExportRow.Of(scan.Kind, row.GetDateTimeOffset(scan.DateColumn)!.Value, scan.TableName, row.PartitionKey, row.RowKey))];
            }
        }
    }

    private IEnumerable<Scan> Scans()
    {
        yield return new(ExportIndexKinds.Registrations, SubmissionsTables.SubjectsName, tables.Subjects, TableClient.CreateQueryFilter($"RowKey eq {SubjectRowKeys.Member}"), "RegisteredAt");
        yield return new(ExportIndexKinds.Comments, SubmissionsTables.CommentsName, tables.Comments, PrefixFilter(CommentEntity.RowKeyPrefix), nameof(CommentEntity.CreatedAt));
        yield return new(ExportIndexKinds.Votes, SubmissionsTables.PollsName, tables.Polls, PrefixFilter(VoteEntity.RowKeyPrefix), nameof(VoteEntity.CreatedAt), [nameof(VoteEntity.TokenRowKey)], IsOneVote);
        yield return new(ExportIndexKinds.PromotionEntries, SubmissionsTables.PromotionsName, tables.Promotions, PrefixFilter(PromotionEntryEntity.RowKeyPrefix), nameof(PromotionEntryEntity.CreatedAt));
        foreach (var name in tables.Forms.SelectMany(form => form.Tables).Prepend(SubmissionsTables.SubjectsName).Distinct(StringComparer.Ordinal))
        {
            yield return new(ExportIndexKinds.Consents, name, tables.ByName(name), PrefixFilter(LedgerRowKeys.ConsentPrefix), nameof(ConsentRecordEntity.RecordedAt));
        }

        yield return new(ExportIndexKinds.Disclosures, SubmissionsTables.DisclosuresName, tables.Disclosures, null, "DisclosedAt");
    }

    private static bool IsOneVote(TableEntity row) => VoteEntity.StandsForItsVote(row.RowKey, row.GetString(nameof(VoteEntity.TokenRowKey)));

    private static string PrefixFilter(string prefix) => TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {prefix + "~"}");

    private static string Literal(DateTimeOffset time) => TableClient.CreateQueryFilter($"{time}");

    private sealed record Scan(string Kind, string TableName, TableClient Table, string? KeyFilter, string DateColumn, string[]? ExtraColumns = null, Func<TableEntity, bool>? Include = null)
    {
        public string[] Columns => ExtraColumns ?? [];
    }
}
