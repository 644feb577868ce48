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
using Submissions.Storage.Promotions;
using Submissions.Storage.Subjects;

namespace Submissions.Application.Subjects;

/// <summary>How many of each kind of record an erasure removed.</summary>
public sealed record ErasureCounts(
    int Registration,
    int Comments,
    int Votes,
    int PromotionEntries,
    int Deliveries,
    int ConsentRecords,
    int Receipts,
    int Disclosures,
    int IdempotencyRecords,
    int IndexRows);

/// <summary>The erasure report: when, what was removed, which partners are owed a subject.erased notice.</summary>
public sealed record ErasureReport(DateTimeOffset ErasedAt, ErasureCounts Removed, IReadOnlyList<NoticeView> Notices);

/// <summary>
/// Erases a person (GDPR Art. 17): removes every record that holds their email or subject key and leaves only a
/// tombstone. The order makes it safe to re-run after a crash part-way, and idempotent:
/// 1. the tombstone, marked in progress — from now on no delivery of anything they entered earlier is sent;
/// 2. a subject.erased notice owed to each partner the disclosure ledger shows received their data;
/// 3. their records in page, poll and promotion partitions, one partition at a time (a comment is removed, not
///    anonymised: its text is theirs; a vote's counted tally stays, its token row stays without their key so the same
///    cookie cannot vote again);
/// 4. their disclosures (the notices now name the deliveries); 5. their own partition, index rows last, because
///    they are the map a re-run follows; 6. the tombstone, complete, with this report.
/// A re-run of an unfinished erasure keeps its first time, so the notices it owes have the same ids.
/// </summary>
public sealed partial class SubjectErasure(SubjectRecordsStore store, SubjectNotices notices, TimeProvider time, ILogger<SubjectErasure> logger)
{
    public async Task<ErasureReport> EraseAsync(SubjectKey subject, CancellationToken cancellationToken)
    {
        var snapshot = await store.ReadAsync(subject.Value, includeRecordRows: true, cancellationToken);
        var erasedAt = snapshot.Tombstone is { } earlier && earlier.GetString(nameof(TombstoneEntity.Status)) == TombstoneEntity.InProgress
            ? earlier.GetDateTimeOffset(nameof(TombstoneEntity.ErasedAt)) ?? time.GetUtcNow()
            : time.GetUtcNow();
        var tombstone = new TombstoneEntity { PartitionKey = subject.Value, ErasedAt = erasedAt, Status = TombstoneEntity.InProgress };
        await store.SaveTombstoneAsync(tombstone, cancellationToken);

        var owed = await notices.OweAsync(
            NoticeEntity.SubjectErased,
            string.Create(CultureInfo.InvariantCulture, $"{subject.Value}\n{erasedAt.UtcTicks}"),
            erasedAt,
            snapshot.Disclosures.Select(disclosure => disclosure.PartnerId),
            snapshot.Disclosures,
            labels: string.Empty,
            cancellationToken);

        var (deliveries, receipts) = await EraseRecordsAsync(snapshot, cancellationToken);
        var disclosures = await store.DeleteDisclosuresAsync(subject.Value, snapshot.Disclosures, cancellationToken);

        var ownRows = snapshot.OwnRows.Where(row => row.RowKey != TombstoneEntity.TombstoneRowKey).ToList();
        var indexRows = ownRows.Where(row => IsIndexRow(row)).Select(row => row.RowKey).ToList();
        await store.DeleteRowsAsync(SubmissionsTables.SubjectsName, subject.Value, [.. ownRows.Where(row => !IsIndexRow(row)).Select(row => row.RowKey)], cancellationToken);
        await store.DeleteRowsAsync(SubmissionsTables.SubjectsName, subject.Value, indexRows, cancellationToken);

        var counts = new ErasureCounts(
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
        var report = new ErasureReport(erasedAt, counts, owed);

        tombstone.Status = TombstoneEntity.Complete;
        tombstone.ReportJson = JsonSerializer.Serialize(report, ApiJson.Options);
        await store.SaveTombstoneAsync(tombstone, cancellationToken);
        LogErased(logger, subject.ShortForm, counts.Comments + counts.Votes + counts.PromotionEntries + counts.Registration, owed.Count);
        return report;
    }

    /// <summary>
    /// Removes the person's rows from each page, poll and promotion partition their index points to: one transaction
    /// per partition, up to 8 partitions at a time.
    /// </summary>
    private async Task<(int Deliveries, int Receipts)> EraseRecordsAsync(SubjectSnapshot snapshot, CancellationToken cancellationToken)
    {
        var deliveries = 0;
        var receipts = 0;
        var partitions = snapshot.Records.GroupBy(record => (record.Index.Table, record.Index.Partition)).ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(partitions, options, async (partition, token) =>
        {
            var rowKeys = new List<string>();
            foreach (var record in partition.Where(record => record.Row is not null))
            {
                rowKeys.Add(record.Index.RecordRowKey);
                if (record.Row!.GetString(nameof(PromotionEntryEntity.ReceiptId)) is { Length: > 0 } receiptId)
                {
                    rowKeys.Add(LedgerRowKeys.Receipt(receiptId));
                    Interlocked.Increment(ref receipts);
                }

                if (record.Row.GetString(nameof(PromotionEntryEntity.DeliveryId)) is { Length: > 0 } deliveryId)
                {
                    rowKeys.Add(OwedDeliveryEntity.RowKeyFor(deliveryId));
                    await store.DeleteDeliveryFailureAsync(deliveryId, token);
                    Interlocked.Increment(ref deliveries);
                }
            }

            var ledger = snapshot.Ledgers.FirstOrDefault(candidate => candidate.Table == partition.Key.Table && candidate.Partition == partition.Key.Partition);
            rowKeys.AddRange(ledger?.Records.Select(record => record.RowKey) ?? []);
            await store.DeleteRowsAsync(partition.Key.Table, partition.Key.Partition, rowKeys, token);
        });

        return (deliveries, receipts);
    }

    private static bool IsIndexRow(TableEntity row) => row.RowKey.StartsWith(SubjectRecordEntity.RowKeyPrefix, StringComparison.Ordinal);

    [LoggerMessage(EventId = 2501, Level = LogLevel.Information, Message = "Subject {Subject} erased: {Records} records removed, {Notices} partner notices owed")]
    private static partial void LogErased(ILogger logger, string subject, int records, int notices);
}
