using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Http;
using Submissions.Domain.Privacy;
using Submissions.Storage;
using Submissions.Storage.Deliveries;
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
/// 1. the tombstone, marked in progress and leased to this run (another erasure of the person meanwhile is refused)
///    — from now on no delivery of anything they entered earlier is sent; a delivery already posting is left whole,
///    and the run stays in progress, until it has ended (<see cref="WithoutDeliveriesInFlightAsync"/>);
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
public sealed partial class SubjectErasure(
    SubjectRecordsStore store,
    DeliveryStore deliveryStore,
    SubjectNotices notices,
    IOptions<StorageOptions> storageOptions,
    TimeProvider time,
    ILogger<SubjectErasure> logger)
{
    /// <summary>Passes over what was written while the erasure ran; each one is a submission that raced it.</summary>
    private const int MaxPasses = 3;

    /// <summary>
    /// How long a submission may take from writing its index row to committing its record: the index write and the
    /// transaction, each with every storage retry. An index row younger than this that points at nothing may belong
    /// to a submission still in flight, so it is kept and the erasure finishes later.
    /// </summary>
    public TimeSpan InFlightGrace => TimeSpan.FromSeconds(2 * storageOptions.Value.NetworkTimeoutSeconds * (storageOptions.Value.MaxRetries + 1));

    /// <summary>
    /// How long one run holds the person (<see cref="TombstoneEntity.ClaimedUntil"/>): far longer than an erasure takes,
    /// short enough that a run that crashed without releasing it blocks the next one only briefly.
    /// </summary>
    public static TimeSpan Lease { get; } = TimeSpan.FromMinutes(2);

    /// <returns>The report; or, when another erasure of the person is running, none and how much longer it holds the person (nothing was done: repeat the request).</returns>
    public async Task<ErasureOutcome> EraseAsync(SubjectKey subject, CancellationToken cancellationToken)
    {
        var earlier = await store.GetTombstoneAsync(subject.Value, cancellationToken);

        // The tombstone carries the report so far — of earlier erasures, and of this one if it stopped part-way.
        var report = earlier is null ? null : JsonSerializer.Deserialize<ErasureReport>(earlier.ReportJson, ApiJson.Options);
        if (report is not null && earlier!.Status == TombstoneEntity.Complete
            && IsDone(await store.ReadAsync(subject.Value, includeRecordRows: false, cancellationToken), time.GetUtcNow()))
        {
            return new ErasureOutcome(report, TimeSpan.Zero);
        }

        // One run at a time: two at once would each owe notices under their own time and each write the report it saw.
        var now = time.GetUtcNow();
        var erasedAt = earlier is { Status: TombstoneEntity.InProgress } ? earlier.ErasedAt : now;
        report = new ErasureReport(erasedAt, report?.Removed ?? ErasureCounts.None, report?.Notices ?? [], Complete: false);
        var tombstone = new TombstoneEntity
        {
            PartitionKey = subject.Value,
            ErasedAt = erasedAt,
            Status = TombstoneEntity.InProgress,
            ClaimedUntil = now + Lease,
            ETag = earlier?.ETag ?? default,
            ReportJson = JsonSerializer.Serialize(report, ApiJson.Options),
        };
        if (earlier?.ClaimedUntil > now)
        {
            LogBusy(logger, subject.ShortForm);
            return Busy(earlier.ClaimedUntil, now);
        }

        if (!await store.TryWriteTombstoneAsync(tombstone, isNew: earlier is null, cancellationToken))
        {
            LogBusy(logger, subject.ShortForm);
            return await BusyAsync(subject, cancellationToken);
        }

        try
        {
            if (await RunAsync(subject, tombstone, report, cancellationToken) is { } done)
            {
                return new ErasureOutcome(done, TimeSpan.Zero);
            }

            // This run outlived its lease and another took the person over: what this one removed stays removed, and
            // the holder's report is the one that counts.
            LogLeaseLost(logger, subject.ShortForm);
            return await BusyAsync(subject, cancellationToken);
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            // Let a repeat start at once rather than wait for the lease; if storage is still failing, the lease runs out.
            await ReleaseQuietlyAsync(tombstone);
            throw;
        }
    }

    /// <summary>Another run holds the person: how long it may still hold them, as read now (at least a second).</summary>
    private async Task<ErasureOutcome> BusyAsync(SubjectKey subject, CancellationToken cancellationToken)
    {
        var holder = await store.GetTombstoneAsync(subject.Value, cancellationToken);
        return Busy(holder?.ClaimedUntil, time.GetUtcNow());
    }

    private static ErasureOutcome Busy(DateTimeOffset? claimedUntil, DateTimeOffset now) =>
        new(null, TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(((claimedUntil ?? now) - now).TotalSeconds))));

    /// <returns>The report; null when the run lost its lease to another (a tombstone write found it changed) and stopped.</returns>
    private async Task<ErasureReport?> RunAsync(SubjectKey subject, TombstoneEntity tombstone, ErasureReport report, CancellationToken cancellationToken)
    {
        var erasedAt = tombstone.ErasedAt;
        var finished = false;
        for (var pass = 1; pass <= MaxPasses; pass++)
        {
            // Read after the tombstone is written: a delivery records its disclosure as pending before it looks at
            // the tombstone, so one that looked too early is in this read.
            var snapshot = await store.ReadAsync(subject.Value, includeRecordRows: true, cancellationToken);
            var now = time.GetUtcNow();
            if (pass > 1 && IsDone(snapshot, now))
            {
                // Index rows kept for submissions possibly in flight leave the erasure in progress, to be repeated.
                finished = !YoungDanglingIndexRows(snapshot, now).Any();
                break;
            }

            // A lead of theirs that is on the wire right now is left whole for this run, and its partner not told yet.
            snapshot = await WithoutDeliveriesInFlightAsync(snapshot, now, cancellationToken);

            // The notices are on record before the disclosures they name are deleted, so a run stopped part-way
            // still reports them.
            var owed = await OweNoticesAsync(subject, erasedAt, snapshot, cancellationToken);
            report = report with { Notices = [.. report.Notices.Concat(owed).DistinctBy(notice => notice.NoticeId)] };
            if (owed.Count > 0 && !await SaveAsync(tombstone, report, cancellationToken))
            {
                return null;
            }

            report = report with { Removed = report.Removed.Plus(await EraseSnapshotAsync(subject, snapshot, now, cancellationToken)) };
        }

        report = report with { Complete = finished };
        tombstone.Status = finished ? TombstoneEntity.Complete : TombstoneEntity.InProgress;
        tombstone.ClaimedUntil = null;
        if (!await SaveAsync(tombstone, report, cancellationToken))
        {
            return null;
        }

        LogErased(logger, subject.ShortForm, report.Removed.Registration + report.Removed.Comments + report.Removed.Votes + report.Removed.PromotionEntries, report.Notices.Count, finished);
        return report;
    }

    /// <summary>
    /// Writes the tombstone under the ETag of this run's last write. False when it changed meanwhile: the run outlived
    /// its lease (a run's length is not bounded: every storage call may take its full retry budget) and another
    /// claimed the person, whose lease and report must not be overwritten.
    /// </summary>
    private Task<bool> SaveAsync(TombstoneEntity tombstone, ErasureReport report, CancellationToken cancellationToken)
    {
        tombstone.ReportJson = JsonSerializer.Serialize(report, ApiJson.Options);
        return store.TryWriteTombstoneAsync(tombstone, isNew: false, cancellationToken);
    }

    /// <summary>
    /// Releases the lease after a storage failure, ignoring another one: a single quick try (one network timeout),
    /// because the caller's 503 waits for it and the full retry budget would hold it back by as long again while storage
    /// is down. If it fails, or the tombstone changed meanwhile, the lease runs out on its own.
    /// </summary>
    private async Task ReleaseQuietlyAsync(TombstoneEntity tombstone)
    {
        tombstone.ClaimedUntil = null;
        using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(storageOptions.Value.NetworkTimeoutSeconds));
        try
        {
            await store.TryWriteTombstoneAsync(tombstone, isNew: false, quick.Token);
        }
        catch (Exception ex) when (StorageFailure.Is(ex, CancellationToken.None))
        {
            var (status, _) = StorageFailure.Describe(ex);
            LogReleaseFailed(logger, status);
        }
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

    private async Task<ErasureCounts> EraseSnapshotAsync(SubjectKey subject, SubjectSnapshot snapshot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (deliveries, receipts, idempotencyRecords) = await EraseRecordsAsync(snapshot, cancellationToken);
        var disclosures = await store.DeleteDisclosuresAsync(subject.Value, snapshot.Disclosures, cancellationToken);

        var keep = YoungDanglingIndexRows(snapshot, now).ToHashSet(StringComparer.Ordinal);
        var ownRows = snapshot.OwnRows.Where(row => row.RowKey != TombstoneEntity.TombstoneRowKey && !keep.Contains(row.RowKey)).ToList();
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
            IdempotencyRecords: idempotencyRecords + ownRows.Count(row => row.RowKey.StartsWith(IdempotencyRecords.RowKeyPrefix, StringComparison.Ordinal)),
            IndexRows: indexRows.Count);
    }

    /// <summary>
    /// Removes the person's rows from each page, poll and promotion partition their index points to: one transaction
    /// per partition (more past 100 rows), up to 8 partitions at a time. The record rows go last: they are what a
    /// re-run finds the receipts, deliveries and idempotency records by. An idempotency record goes because its stored
    /// answer is the person's, and a replay of it would claim a submission that no longer exists: a request repeated
    /// with its key after the erasure is a new submission.
    /// </summary>
    private async Task<(int Deliveries, int Receipts, int IdempotencyRecords)> EraseRecordsAsync(SubjectSnapshot snapshot, CancellationToken cancellationToken)
    {
        var deliveries = 0;
        var receipts = 0;
        var idempotencyRecords = 0;
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
                    await deliveryStore.DeleteFailureAsync(deliveryId, token);
                    Interlocked.Increment(ref deliveries);
                }

                if (record.Row.GetString(IdempotencyRecords.RecordColumn) is { Length: > 0 } idempotencyRowKey)
                {
                    dependents.Add(idempotencyRowKey);
                    Interlocked.Increment(ref idempotencyRecords);
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

        return (deliveries, receipts, idempotencyRecords);
    }

    /// <summary>
    /// The snapshot without the deliveries that may be posting right now — a disclosure not yet delivered whose owed row is
    /// still leased by the attempt that recorded it — nor their entry's partition, disclosure and index row. A notice
    /// owed now could reach the partner before that lead does (the partner would erase nothing, then keep the lead),
    /// and the erasure would report complete while the person's data is still being sent. An attempt that passed the
    /// tombstone check took its lease before this erasure began (the tombstone is written first), so it is seen here;
    /// one that had not is stopped by the tombstone. The run then stays in progress, to be repeated: by then the
    /// attempt has ended, delivered (the partner is told) or stopped (its disclosure is gone, nobody is told). Costs
    /// one point read per disclosure not yet delivered, none otherwise.
    /// </summary>
    private async Task<SubjectSnapshot> WithoutDeliveriesInFlightAsync(SubjectSnapshot snapshot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var inFlight = new HashSet<string>(StringComparer.Ordinal);
        // Not only pending ones: a possibly-delivered delivery an admin retried is being posted again before its next
        // attempt records it as pending.
        foreach (var disclosure in snapshot.Disclosures.Where(disclosure => disclosure.Outcome != DisclosureEntity.Delivered))
        {
            var owed = await deliveryStore.GetOwedAsync(disclosure.PromotionId, disclosure.RowKey, cancellationToken);
            if (owed is { Status: OwedDeliveryEntity.Owed } && owed.ClaimedUntil > now)
            {
                inFlight.Add(disclosure.RowKey);
            }
        }

        if (inFlight.Count == 0)
        {
            return snapshot;
        }

        var held = snapshot.Records
            .Where(record => record.Row?.GetString(nameof(PromotionEntryEntity.DeliveryId)) is { } deliveryId && inFlight.Contains(deliveryId))
            .ToList();
        var partitions = held.Select(record => (record.Index.Table, record.Index.Partition)).ToHashSet();
        var indexRows = held.Select(record => record.Index.RowKey).ToHashSet(StringComparer.Ordinal);
        LogDeliveriesInFlight(logger, inFlight.Count);
        return snapshot with
        {
            OwnRows = [.. snapshot.OwnRows.Where(row => !indexRows.Contains(row.RowKey))],
            Records = [.. snapshot.Records.Where(record => !partitions.Contains((record.Index.Table, record.Index.Partition)))],
            Ledgers = [.. snapshot.Ledgers.Where(ledger => !partitions.Contains((ledger.Table, ledger.Partition)))],
            Disclosures = [.. snapshot.Disclosures.Where(disclosure => !inFlight.Contains(disclosure.RowKey))],
        };
    }

    /// <summary>Nothing left but the tombstone and index rows kept for submissions possibly in flight.</summary>
    private bool IsDone(SubjectSnapshot snapshot, DateTimeOffset now)
    {
        var young = YoungDanglingIndexRows(snapshot, now).ToHashSet(StringComparer.Ordinal);
        return snapshot.Disclosures.Count == 0
            && snapshot.OwnRows.All(row => row.RowKey == TombstoneEntity.TombstoneRowKey || young.Contains(row.RowKey))
            && snapshot.Records.All(record => young.Contains(record.Index.RowKey));
    }

    /// <summary>Index rows that point at nothing yet, written within <see cref="InFlightGrace"/>: their submission may still commit.</summary>
    private IEnumerable<string> YoungDanglingIndexRows(SubjectSnapshot snapshot, DateTimeOffset now) =>
        snapshot.Records.Where(record => record.Row is null && record.Index.CreatedAt > now - InFlightGrace).Select(record => record.Index.RowKey);

    private static bool IsIndexRow(TableEntity row) => row.RowKey.StartsWith(SubjectRecordEntity.RowKeyPrefix, StringComparison.Ordinal);

    [LoggerMessage(EventId = 2504, Level = LogLevel.Information, Message = "Erasure waits for {Count} deliveries of the subject's data still posting")]
    private static partial void LogDeliveriesInFlight(ILogger logger, int count);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Information, Message = "Erasure of subject {Subject} refused: another erasure of the subject is running")]
    private static partial void LogBusy(ILogger logger, string subject);

    [LoggerMessage(EventId = 2505, Level = LogLevel.Warning, Message = "Erasure of subject {Subject} stopped: it outlived its lease and another erasure of the subject took over")]
    private static partial void LogLeaseLost(ILogger logger, string subject);

    [LoggerMessage(EventId = 2503, Level = LogLevel.Warning, Message = "A failed erasure could not release its tombstone lease (status {Status}); it runs out on its own")]
    private static partial void LogReleaseFailed(ILogger logger, int status);

    [LoggerMessage(EventId = 2501, Level = LogLevel.Information, Message = "Subject {Subject} erased: {Records} records removed, {Notices} partner notices owed, complete {Complete}")]
    private static partial void LogErased(ILogger logger, string subject, int records, int notices, bool complete);
}

/// <summary>
/// One erasure request's outcome: the report, or — <see cref="Report"/> null — another erasure of the person is running
/// and may hold them for <see cref="BusyFor"/> more; nothing was done.
/// </summary>
public sealed record ErasureOutcome(ErasureReport? Report, TimeSpan BusyFor);
