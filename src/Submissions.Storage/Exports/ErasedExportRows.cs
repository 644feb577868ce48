using Submissions.Storage.Forms;
using Submissions.Storage.Polls;
using Submissions.Storage.Subjects;

namespace Submissions.Storage.Exports;

/// <summary>
/// The export day index entries of what an erasure removes: the person's comments and the row that stands for each of
/// their votes (the token row when the vote has one, which the erasure keeps as a bare marker), their consent records
/// wherever they are, and their member row. Each is found by the day it was stamped; only the kinds the index covers
/// (<see cref="ExportIndexKinds.Indexed"/>).
/// </summary>
internal static class ErasedExportRows
{
    public static IEnumerable<IndexedExportRow> Of(SubjectSnapshot snapshot)
    {
        foreach (var record in snapshot.Records)
        {
            if (record.Row is not { CreatedAt: { } createdAt } row)
            {
                continue;
            }

            if (record.Kind == SubjectRecordKinds.Comment)
            {
                yield return IndexedExportRow.Of(ExportIndexKinds.Comments, createdAt, record.Table, record.Partition, row.Key);
            }
            else if (record.Kind == SubjectRecordKinds.Vote)
            {
                var tokenRowKey = row.GetString(StoredRecord.BareMarkerColumn);
                var standing = VoteEntity.StandsForItsVote(row.Key, tokenRowKey) ? row.Key : tokenRowKey;
                if (standing is { Length: > 0 })
                {
                    yield return IndexedExportRow.Of(ExportIndexKinds.Votes, createdAt, record.Table, record.Partition, standing);
                }
            }
        }

        foreach (var ledger in snapshot.Ledgers)
        {
            foreach (var consent in ledger.Records)
            {
                yield return IndexedExportRow.Of(ExportIndexKinds.Consents, consent.RecordedAt, ledger.Table, ledger.Partition, consent.Key);
            }
        }

        if (snapshot.Member?.GetDateTimeOffset("RegisteredAt") is { } registeredAt)
        {
            yield return IndexedExportRow.Of(ExportIndexKinds.Registrations, registeredAt, SubmissionsTables.SubjectsName, snapshot.SubjectKey, SubjectRowKeys.Member);
        }
    }
}
