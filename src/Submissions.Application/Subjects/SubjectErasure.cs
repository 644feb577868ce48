using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Submissions.Application.Http;
using Submissions.Domain.Privacy;
using Submissions.Storage;
using Submissions.Storage.Idempotency;
using Submissions.Storage.Ledger;
using Submissions.Storage.Notices;
using Submissions.Storage.Polls;
using Submissions.Storage.Promotions;
using Submissions.Storage.Subjects;

namespace Submissions.Application.Subjects;

/// <summary>
/// Erases a person (GDPR Art. 17): removes every record that holds their email or subject key and leaves only a
/// tombstone. The order makes it safe to re-run after a crash part-way, and idempotent:
/// 1. the tombstone, marked in progress — from now on no delivery of anything they entered earlier is sent, and a
///    delivery already posting sees it afterwards and runs the erasure again (PartnerDeliveryProcessor);
/// 2. a subject.erased notice owed to each partner the disclosure ledger shows received their data;
/// 3. their records in page, poll and promotion partitions, one transaction per partition, the rows that lead to the
///    others (comment, voter, entry) last — a comment is removed, not anonymised: its text is theirs; a vote's tally
///    keeps its count and its token row stays as a bare marker, so the same cookie cannot vote again;
/// 4. their disclosures (the notices now name the deliveries); 5. their own partition, index rows last, because they
///    are the map a re-run follows; then the partition is read again, and anything written meanwhile (a submission
///    that was in flight) goes the same way;
/// 6. the tombstone, complete, with the report.
/// A re-run of an unfinished erasure keeps its first time, so the notices it owes have the same ids; a re-run of a
/// finished one that finds nothing new returns the stored report and writes nothing.
/// </summary>
public sealed partial class SubjectErasure(SubjectRecordsStore store, SubjectNotices notices, TimeProvider time, ILogger<SubjectErasure> logger)
{
    /// <summary>Passes over what was written while the erasure ran; each one is a submission that raced it.</summary>
    private const int MaxPasses = 3;

    public async Task<ErasureReport> EraseAsync(SubjectKey subject, CancellationToken cancellationToken)
    {
        var earlier = await store.GetTombstoneAsync(subject.Value, cancellationToken);
        var previous = earlier is { Status: TombstoneEntity.Complete } ? JsonSerializer.Deserialize<ErasureReport>(earlier.ReportJson, ApiJson.Options) : null;
        if (previous is not null && IsOnlyTombstone(await store.ReadAsync(subject.Value, includeRecordRows: false, cancellationToken)))
        {
            return previous;
        }

        var erasedAt = earlier is { Status: TombstoneEntity.InProgress } ? earlier.ErasedAt : time.GetUtcNow();
        var tombstone = new TombstoneEntity { PartitionKey = subject.Value, ErasedAt = erasedAt, Status = TombstoneEntity.InProgress, ReportJson = earlier?.ReportJson ?? "{}" };
        await store.SaveTombstoneAsync(tombstone, cancellationToken);

        var removed = ErasureCounts.None;
        var owed = new List<NoticeView>();
        for (var pass = 1; pass <= MaxPasses; pass++)
        {
            // Read after the tombstone is written: a disclosure recorded after this read is followed by its processor's
            // own look at the tombstone.
            var snapshot = await store.ReadAsync(subject.Value, includeRecordRows: true, cancellationToken);
            if (pass > 1 && IsOnlyTombstone(snapshot))
            {
                break;
            }

            owed.AddRange(await OweNoticesAsync(subject, erasedAt, snapshot, cancellationToken));
            removed = removed.Plus(await EraseSnapshotAsync(subject, snapshot, cancellationToken));
        }

        var report = new ErasureReport(
            erasedAt,
            previous is null ? removed : removed.Plus(previous.Removed),
            [.. (previous?.Notices ?? []).Concat(owed).DistinctBy(notice => notice.NoticeId)]);
        tombstone.Status = TombstoneEntity.Complete;
        tombstone.ReportJson = JsonSerializer.Serialize(report, ApiJson.Options);
        await store.SaveTombstoneAsync(tombstone, cancellationToken);
        LogErased(logger, subject.ShortForm, removed.Registration + removed.Comments + removed.Votes + removed.PromotionEntries, owed.Count);
        return report;
    }

    private Task<IReadOnlyList<NoticeView>> OweNoticesAsync(SubjectKey subject, DateTimeOffset erasedAt, SubjectSnapshot snapshot, CancellationToken cancellationToken) =>
        notices.OweAsync(
            NoticeEntity.SubjectErased,
            string.Create(CultureInfo.InvariantCulture, $"{subject.Value}\n{erasedAt.UtcTicks}"),
            erasedAt,
            snapshot.Disclosures.Select(disclosure => disclosure.PartnerId),
            snapshot.Disclosures,
            labels: string.Empty,
            cancellationToken);

    private async Task<ErasureCounts> EraseSnapshotAsync(SubjectKey subject, SubjectSnapshot snapshot, CancellationToken cancellationToken)
    {
        var (deliveries, receipts) = await EraseRecordsAsync(snapshot, cancellationToken);
        var disclosures = await store.DeleteDisclosuresAsync(subject.Value, snapshot.Disclosures, cancellationToken);

        var ownRows = snapshot.OwnRows.Where(row => row.RowKey != TombstoneEntity.TombstoneRowKey).ToList();
        var indexRows = ownRows.Where(IsIndexRow).Select(row => row.RowKey).ToList();
        await store.DeleteRowsAsync(SubmissionsTables.SubjectsName, subject.Value, [.. ownRows.Where(row => !IsIndexRow(row)).Select(row => row.RowKey)], cancellationToken);
        await store.DeleteRowsAsync(SubmissionsTables.SubjectsName, subject.Value, indexRows, cancellationToken);

        return new ErasureCounts(
            Registration: snapshot.Member is null ? 0 : 1,
            Comments: snapshot.Existing(SubjectRecordKinds.Comment).Count(),
            Votes: snapshot.Existing(SubjectRecordKinds.Vote).Count(),
            PromotionEntries: snapshot.Existing(SubjectRecordKinds.PromotionEntry).Count(),
            Deliveries: deliveries,
            ConsentRecords: snapshot.ConsentRecords.Count(),
            Receipts: receipts + ownRows.Count(row => row.RowKey.StartsWith(LedgerRowKeys.ReceiptPrefix, StringComparison.Ordinal)),
            Disclosures: disclosures,
            IdempotencyRecords: ownRows.Count(row => row.RowKey.StartsWith(IdempotencyRecords.RowKeyPrefix, StringComparison.Ordinal)),
            IndexRows: indexRows.Count);
    }

    /// <summary>
    /// Removes the person's rows from each page, poll and promotion partition their index points to: one transaction
    /// per partition (more past 100 rows), up to 8 partitions at a time. The record rows go last: they are what a
    /// re-run finds the receipts and deliveries by.
    /// </summary>
    private async Task<(int Deliveries, int Receipts)> EraseRecordsAsync(SubjectSnapshot snapshot, CancellationToken cancellationToken)
    {
        var deliveries = 0;
        var receipts = 0;
        var partitions = snapshot.Records.GroupBy(record => (record.Index.Table, record.Index.Partition)).ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(partitions, options, async (partition, token) =>
        {
            var dependents = new List<string>();
            var records = new List<string>();
            var strip = new List<string>();
            foreach (var record in partition.Where(record => record.Row is not null))
            {
                records.Add(record.Index.RecordRowKey);
                if (record.Row!.GetString(nameof(PromotionEntryEntity.ReceiptId)) is { Length: > 0 } receiptId)
                {
                    dependents.Add(LedgerRowKeys.Receipt(receiptId));
                    Interlocked.Increment(ref receipts);
                }

                if (record.Row.GetString(nameof(PromotionEntryEntity.DeliveryId)) is { Length: > 0 } deliveryId)
                {
                    dependents.Add(OwedDeliveryEntity.RowKeyFor(deliveryId));
                    await store.DeleteDeliveryFailureAsync(deliveryId, token);
                    Interlocked.Increment(ref deliveries);
                }

                if (record.Row.GetString(nameof(VoteEntity.TokenRowKey)) is { Length: > 0 } tokenRowKey)
                {
                    strip.Add(tokenRowKey);
                }
            }

            var ledger = snapshot.Ledgers.FirstOrDefault(candidate => candidate.Table == partition.Key.Table && candidate.Partition == partition.Key.Partition);
            dependents.AddRange(ledger?.Records.Select(record => record.RowKey) ?? []);
            await store.DeleteRowsAsync(partition.Key.Table, partition.Key.Partition, [.. dependents, .. records], token, strip);
        });

        return (deliveries, receipts);
    }

    private static bool IsOnlyTombstone(SubjectSnapshot snapshot) =>
        snapshot.Records.Count == 0 && snapshot.Disclosures.Count == 0 && snapshot.OwnRows.All(row => row.RowKey == TombstoneEntity.TombstoneRowKey);

    private static bool IsIndexRow(TableEntity row) => row.RowKey.StartsWith(SubjectRecordEntity.RowKeyPrefix, StringComparison.Ordinal);

    [LoggerMessage(EventId = 2501, Level = LogLevel.Information, Message = "Subject {Subject} erased: {Records} records removed, {Notices} partner notices owed")]
    private static partial void LogErased(ILogger logger, string subject, int records, int notices);
}
