using Submissions.Storage.Forms;
using Submissions.Storage.Subjects;

namespace Submissions.Storage.Exports;

/// <summary>
/// The export day index entries of what an erasure removes: the person's records with the token row a vote may have,
/// their consent records wherever they are, their disclosures and their member row. Each is found by the day it was
/// stamped; an entry that was never written (a day not indexed yet, a kind without an export) is simply not there.
/// </summary>
internal static class ErasedExportRows
{
    private static readonly Dictionary<string, string> KindOfRecord = new(StringComparer.Ordinal)
    {
        [SubjectRecordKinds.Comment] = ExportIndexKinds.Comments,
        [SubjectRecordKinds.Vote] = ExportIndexKinds.Votes,
        [SubjectRecordKinds.PromotionEntry] = ExportIndexKinds.PromotionEntries,
    };

    public static IEnumerable<IndexedExportRow> Of(SubjectSnapshot snapshot)
    {
        foreach (var record in snapshot.Records)
        {
            if (record.Row is not { CreatedAt: { } createdAt } row || !KindOfRecord.TryGetValue(record.Kind, out var kind))
            {
                continue;
            }

            yield return IndexedExportRow.Of(kind, createdAt, record.Table, record.Partition, row.Key);
            if (row.GetString(StoredRecord.BareMarkerColumn) is { Length: > 0 } markerRowKey)
            {
                yield return IndexedExportRow.Of(kind, createdAt, record.Table, record.Partition, markerRowKey);
            }
        }

        foreach (var ledger in snapshot.Ledgers)
        {
            foreach (var consent in ledger.Records)
            {
                yield return IndexedExportRow.Of(ExportIndexKinds.Consents, consent.RecordedAt, ledger.Table, ledger.Partition, consent.Key);
            }
        }

        foreach (var disclosure in snapshot.Disclosures)
        {
            yield return IndexedExportRow.Of(ExportIndexKinds.Disclosures, disclosure.DisclosedAt, SubmissionsTables.DisclosuresName, snapshot.SubjectKey, disclosure.DeliveryId);
        }

        if (snapshot.Member?.GetDateTimeOffset("RegisteredAt") is { } registeredAt)
        {
            yield return IndexedExportRow.Of(ExportIndexKinds.Registrations, registeredAt, SubmissionsTables.SubjectsName, snapshot.SubjectKey, SubjectRowKeys.Member);
        }
    }
}
