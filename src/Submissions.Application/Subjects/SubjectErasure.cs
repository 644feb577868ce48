using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Forms;
using Submissions.Application.Http;
using Submissions.Domain.Privacy;
using Submissions.Storage;
using Submissions.Storage.Deliveries;
using Submissions.Storage.Notices;
using Submissions.Storage.Outbox;
using Submissions.Storage.Subjects;

namespace Submissions.Application.Subjects;

/// <summary>
/// Erases a person (GDPR Art. 17): every record holding their email or key goes, a tombstone stays. Ordered so a re-run
/// after a crash finishes the job and a repeat changes nothing — why each step comes where it does: docs/architecture.md, "Erasure".
/// </summary>
public sealed partial class SubjectErasure(
    SubjectRecordsStore store,
    DeliveryStore deliveryStore,
    FormRegistry forms,
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
    /// How long one run holds the person (<see cref="ErasureTombstone.ClaimedUntil"/>): far longer than an erasure takes,
    /// short enough that a run that crashed without releasing it blocks the next one only briefly.
    /// </summary>
    public static TimeSpan Lease { get; } = TimeSpan.FromMinutes(2);

    /// <returns>The report; or, when another erasure of the person is running, none and how much longer it holds the person (nothing was done: repeat the request).</returns>
    public async Task<ErasureOutcome> EraseAsync(SubjectKey subject, CancellationToken cancellationToken)
    {
        var earlier = await store.GetTombstoneAsync(subject.Value, cancellationToken);

        // The tombstone carries the report so far — of earlier erasures, and of this one if it stopped part-way.
        var report = earlier is null ? null : JsonSerializer.Deserialize<ErasureReport>(earlier.ReportJson, ApiJson.Options);
        if (report is not null && earlier!.Complete
            && IsDone(await store.ReadAsync(subject.Value, includeRecordRows: false, cancellationToken), time.GetUtcNow()))
        {
            return new ErasureOutcome(report, TimeSpan.Zero);
        }

        // One run at a time: two at once would each owe notices under their own time and each write the report it saw.
        var now = time.GetUtcNow();
        var erasedAt = earlier is { Complete: false } ? earlier.ErasedAt : now;
        report = new ErasureReport(erasedAt, report?.Removed ?? forms.NoErasures, report?.Notices ?? [], Complete: false);
        var tombstone = new ErasureTombstone(subject.Value, erasedAt, replacing: earlier)
        {
            ClaimedUntil = now + Lease,
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
    private async Task<ErasureReport?> RunAsync(SubjectKey subject, ErasureTombstone tombstone, ErasureReport report, CancellationToken cancellationToken)
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
                finished = YoungDanglingIndexRows(snapshot, now).Count == 0;
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

            report = report with { Removed = report.Removed.Plus(await EraseSnapshotAsync(snapshot, now, cancellationToken)) };
        }

        report = report with { Complete = finished };
        tombstone.Complete = finished;
        tombstone.ClaimedUntil = null;
        if (!await SaveAsync(tombstone, report, cancellationToken))
        {
            return null;
        }

        LogErased(logger, subject.ShortForm, report.Removed.Records, report.Notices.Count, finished);
        return report;
    }

    /// <summary>
    /// Writes the tombstone under the version of this run's last write. False when it changed meanwhile: the run outlived
    /// its lease (a run's length is not bounded: every storage call may take its full retry budget) and another
    /// claimed the person, whose lease and report must not be overwritten.
    /// </summary>
    private Task<bool> SaveAsync(ErasureTombstone tombstone, ErasureReport report, CancellationToken cancellationToken)
    {
        tombstone.ReportJson = JsonSerializer.Serialize(report, ApiJson.Options);
        return store.TryWriteTombstoneAsync(tombstone, isNew: false, cancellationToken);
    }

    /// <summary>
    /// Releases the lease after a storage failure, ignoring another one: a single quick try (one network timeout),
    /// because the caller's 503 waits for it and the full retry budget would hold it back by as long again while storage
    /// is down. If it fails, or the tombstone changed meanwhile, the lease runs out on its own.
    /// </summary>
    private async Task ReleaseQuietlyAsync(ErasureTombstone tombstone)
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
            NoticeType.SubjectErased,
            string.Create(CultureInfo.InvariantCulture, $"{subject.Value}\n{erasedAt.UtcTicks}"),
            erasedAt,
            snapshot.Disclosures.Select(disclosure => disclosure.PartnerId),
            snapshot.Disclosures,
            labels: string.Empty,
            cancellationToken);

    /// <summary>
    /// Removes what the snapshot holds (<see cref="SubjectRecordsStore.EraseAsync"/>) but index rows of submissions
    /// possibly in flight, counting each registered form's records under its own name.
    /// </summary>
    private async Task<ErasureCounts> EraseSnapshotAsync(SubjectSnapshot snapshot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var erased = await store.EraseAsync(snapshot, YoungDanglingIndexRows(snapshot, now), cancellationToken);
        return new ErasureCounts(
            [.. forms.Forms.Where(form => form.ErasureCount is not null).Select(form => new FormErasureCount(form.ErasureCount!, form.ErasedIn(snapshot)))],
            Deliveries: erased.Deliveries,
            ConsentRecords: snapshot.ConsentRecords.Count(),
            Receipts: erased.Receipts,
            Disclosures: erased.Disclosures,
            IdempotencyRecords: erased.IdempotencyRecords,
            IndexRows: erased.IndexRows);
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
        foreach (var deliveryId in snapshot.Disclosures.Where(disclosure => disclosure.Outcome != DisclosureOutcome.Delivered).Select(disclosure => (disclosure.DeliveryPartition, DeliveryId: disclosure.DeliveryId)))
        {
            var owed = await deliveryStore.GetOwedAsync(deliveryId.DeliveryPartition, deliveryId.DeliveryId, cancellationToken);
            if (owed is { Status: OutboxStatus.Owed } && owed.ClaimedUntil > now)
            {
                inFlight.Add(deliveryId.DeliveryId);
            }
        }

        if (inFlight.Count == 0)
        {
            return snapshot;
        }

        LogDeliveriesInFlight(logger, inFlight.Count);
        return snapshot.WithoutDeliveries(inFlight);
    }

    /// <summary>Nothing left but the tombstone and index rows kept for submissions possibly in flight.</summary>
    private bool IsDone(SubjectSnapshot snapshot, DateTimeOffset now) => snapshot.HoldsNothingBut(YoungDanglingIndexRows(snapshot, now));

    /// <summary>Records not stored (yet) whose index row was written within <see cref="InFlightGrace"/>: their submission may still commit.</summary>
    private List<SubjectRecord> YoungDanglingIndexRows(SubjectSnapshot snapshot, DateTimeOffset now) =>
        [.. snapshot.Records.Where(record => record.Row is null && record.IndexedAt > now - InFlightGrace)];

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
