using Submissions.Storage.Deliveries;
using Submissions.Storage.Outbox;

namespace Submissions.Application.Deliveries;

/// <summary>
/// The lifecycle lead deliveries and partner notices share, written once: a lease against concurrent copies of a
/// message, the lease released with a reason on a transient failure, "delivered" winning over anything written
/// meanwhile, a final failure with its dead letter, the poison queue's dead letter, the sweep of rows owed too long and
/// an admin's retry. Each processor keeps only what is its own: what to check and what to send.
/// </summary>
internal sealed class OutboxAttempts<T>(OutboxKind<T> kind, DeadLetterStore deadLetters, TimeProvider time, TimeSpan lease)
    where T : OutboxItem
{
    /// <summary>
    /// Claims this attempt with a lease written under the row's version: while one invocation holds it another copy of
    /// the message backs off (the queue retries it later), so two copies never post at once. A crashed holder's lease
    /// simply runs out.
    /// </summary>
    /// <returns>The attempts counted before this one: what <see cref="RetryLaterAsync"/> restores when this one did not count.</returns>
    public async Task<int> ClaimAsync(T row, long dequeueCount, CancellationToken cancellationToken)
    {
        var before = Begin(row, dequeueCount);
        if (!await TryClaimAsync(row, cancellationToken))
        {
            throw Busy();
        }

        return before;
    }

    /// <summary>
    /// Counts this attempt, or throws as <see cref="ClaimAsync"/> does while another invocation holds the lease. Writes
    /// nothing: the lease is taken by <see cref="TryClaimAsync"/>, with whatever else the row must carry by then.
    /// </summary>
    /// <returns>The attempts counted before this one.</returns>
    public int Begin(T row, long dequeueCount)
    {
        if (row.ClaimedUntil > time.GetUtcNow())
        {
            throw Busy();
        }

        var before = row.Attempts;
        row.Attempts = (int)Math.Max(row.Attempts + 1, dequeueCount);
        return before;
    }

    /// <summary>Writes the row (as <see cref="Begin"/> left it and the caller changed it) with a fresh lease, under its version; false when it changed or went meanwhile.</summary>
    public Task<bool> TryClaimAsync(T row, CancellationToken cancellationToken)
    {
        row.ClaimedUntil = time.GetUtcNow().Add(lease);
        return kind.TryUpdateAsync(row, cancellationToken);
    }

    /// <summary>The row as stored now, or null when it is gone.</summary>
    public Task<T?> RereadAsync(T row, CancellationToken cancellationToken) => kind.RereadAsync(row, cancellationToken);

    /// <summary>
    /// Makes the lease outlast what comes next (<paramref name="needed"/>, e.g. the POST with its retries): when less
    /// is left, renews it under the row's version; with enough left it costs nothing. Throws as
    /// <see cref="ClaimAsync"/> does when the row changed meanwhile (another copy claimed it after the lease ran out,
    /// or an erasure removed it). True when the lease had run out before the renewal landed: anyone who looked at the
    /// row in that gap saw no attempt in flight, so what was checked before may need checking again.
    /// <paramref name="store"/>: the row has changes that must be stored before what comes next, so it is written
    /// (with the lease renewed) even when enough lease is left.
    /// </summary>
    public async Task<bool> ExtendAsync(T row, TimeSpan needed, CancellationToken cancellationToken, bool store = false)
    {
        var held = row.ClaimedUntil;
        var now = time.GetUtcNow();
        if (held - now >= needed && !store)
        {
            return false;
        }

        row.ClaimedUntil = now.Add(lease);
        if (!await kind.TryUpdateAsync(row, cancellationToken))
        {
            throw Busy();
        }

        return !(time.GetUtcNow() <= held);
    }

    /// <summary>A transient failure: the reason is kept (a dead letter says what kept failing) and the lease released for the queue's retry.</summary>
    public Task ReleaseAsync(T row, string reason, CancellationToken cancellationToken)
    {
        row.LastError = reason;
        row.ClaimedUntil = null;
        return kind.TryUpdateAsync(row, cancellationToken);
    }

    /// <summary>
    /// The next attempt waits <paramref name="delay"/>: the row is released with the reason and when that attempt is
    /// due, then its queue message is sent again, invisible until then — the current message is done with, so nothing
    /// sleeps and the host's own retries are kept for failures of this app's storage. <paramref name="attemptsBefore"/>,
    /// when given, un-counts this attempt (a hold or a pause, not a failure). False when the row changed or went meanwhile
    /// (nothing is sent: whoever changed it decides).
    /// </summary>
    public async Task<bool> RetryLaterAsync(T row, string reason, TimeSpan delay, CancellationToken cancellationToken, int? attemptsBefore = null)
    {
        var now = time.GetUtcNow();
        row.Attempts = attemptsBefore ?? row.Attempts;
        row.LastError = reason;
        row.ClaimedUntil = null;
        row.NextAttemptAt = now.Add(delay);
        row.LastSentAt = now;
        if (!await kind.TryUpdateAsync(row, cancellationToken))
        {
            return false;
        }

        await kind.SendAsync(row, delay, cancellationToken);
        return true;
    }

    /// <summary>Nothing may be sent any more (consent withdrawn, person erased): done, without a dead letter. False when the row changed or went meanwhile.</summary>
    public Task<bool> StopAsync(T row, string reason, CancellationToken cancellationToken)
    {
        row.Status = OutboxStatus.Stopped;
        row.ClaimedUntil = null;
        row.CompletedAt = time.GetUtcNow();
        row.LastError = reason;
        return kind.TryUpdateAsync(row, cancellationToken);
    }

    /// <summary>
    /// The partner has it, so "delivered" wins over anything written meanwhile (a poison handler's dead letter, say):
    /// re-read and overwrite until it sticks, and drop any dead letter recorded for it. False when the row is gone.
    /// </summary>
    public async Task<bool> MarkDeliveredAsync(T row, CancellationToken cancellationToken)
    {
        row.Status = OutboxStatus.Delivered;
        row.ClaimedUntil = null;
        row.CompletedAt = time.GetUtcNow();
        row.LastError = null;
        var conflicted = false;
        while (!await kind.TryUpdateAsync(row, cancellationToken))
        {
            conflicted = true;
            if (await kind.RereadAsync(row, cancellationToken) is not { } latest)
            {
                return false;
            }

            row.AdoptVersionOf(latest);
        }

        if (conflicted)
        {
            await deadLetters.DeleteAsync(kind.DeadLetterId(row), cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// Failed for good: the row says why, and a dead letter admins can see and retry is recorded. False when the row
    /// changed or went meanwhile: another attempt took it over (its own outcome stands) or an erasure removed it — then
    /// nothing is written, no dead letter either. <paramref name="deadLetter"/> says whose dead letter it is (kind,
    /// promotion, partner); its id, reason, attempts and time are the row's.
    /// </summary>
    public async Task<bool> FailAsync(T row, string reason, DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        row.Status = OutboxStatus.Failed;
        row.ClaimedUntil = null;
        row.LastError = reason;
        row.CompletedAt = time.GetUtcNow();
        if (!await kind.TryUpdateAsync(row, cancellationToken))
        {
            return false;
        }

        var recorded = deadLetter with { Id = kind.DeadLetterId(row), Reason = reason, Attempts = row.Attempts, FailedAt = row.CompletedAt.Value };
        await deadLetters.RecordAsync(recorded, cancellationToken);
        return true;
    }

    /// <summary>
    /// The poison queue's message: the reason to fail the row with, or null when there is nothing to do (gone, or no
    /// longer owed). An attempt still in flight decides for itself: the poison message is tried again later.
    /// </summary>
    public string? DeadLetterReason(T? row, long dequeueCount)
    {
        if (row is null || row.Status != OutboxStatus.Owed)
        {
            return null;
        }

        if (row.ClaimedUntil > time.GetUtcNow())
        {
            throw new TransientDeliveryException($"The {kind.What} is being processed; the dead letter will be decided after it.");
        }

        // A stray copy that kept throwing says nothing about a row whose own attempt is scheduled, or that waits for its
        // partner's resume: that attempt, or the resume, decides.
        if (row.NextAttemptAt > time.GetUtcNow() || row.LastError == PartnerRetries.PausedReason)
        {
            return null;
        }

        row.Attempts = (int)Math.Max(row.Attempts, dequeueCount);
        return row.LastError ?? "retries-exhausted";
    }

    /// <summary>
    /// Sends again the message of every row owed since before the sweep age — skipping what is in flight, was re-sent
    /// within that age, or waits for a scheduled attempt not yet that overdue (its delayed message is on its way), so a
    /// backlog is not multiplied every run. Returns how many were sent.
    /// </summary>
    public async Task<int> SweepAsync(IAsyncEnumerable<T> owedBefore, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owedBefore);
        var now = time.GetUtcNow();
        var sent = 0;
        await foreach (var row in owedBefore.WithCancellation(cancellationToken))
        {
            if (row.ClaimedUntil > now || row.LastSentAt > cutoff || row.NextAttemptAt > cutoff)
            {
                continue;
            }

            row.LastSentAt = now;
            if (await kind.TryUpdateAsync(row, cancellationToken))
            {
                await kind.SendAsync(row, TimeSpan.Zero, cancellationToken);
                sent++;
            }
        }

        return sent;
    }

    /// <summary>
    /// Sends at once the message of every owed row <paramref name="which"/> picks and no invocation holds, due now (a
    /// delayed message it had still comes, and finds the row done or due). Returns how many.
    /// </summary>
    public async Task<int> SendNowAsync(IAsyncEnumerable<T> owed, Func<T, bool> which, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owed);
        ArgumentNullException.ThrowIfNull(which);
        var now = time.GetUtcNow();
        var sent = 0;
        await foreach (var row in owed.WithCancellation(cancellationToken))
        {
            if (row.Status != OutboxStatus.Owed || row.ClaimedUntil > now || !which(row))
            {
                continue;
            }

            row.LastSentAt = now;
            row.NextAttemptAt = now;
            row.LastError = null; // sent on: a second resume finds nothing waiting
            if (await kind.TryUpdateAsync(row, cancellationToken))
            {
                await kind.SendAsync(row, TimeSpan.Zero, cancellationToken);
                sent++;
            }
        }

        return sent;
    }

    /// <summary>
    /// An admin's retry of a dead letter: the dead letter goes first (if the retry fails again at once, its new one must
    /// survive), the row is owed again under its version, its message sent. False when the row changed meanwhile, or is
    /// gone (nothing to send). Storage failing after the dead letter went puts it back, so the failure stays findable.
    /// </summary>
    public async Task<bool> RetryAsync(
        DeadLetter failure, Func<CancellationToken, Task<T?>> read, Func<CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(send);
        await deadLetters.DeleteAsync(failure.Id, cancellationToken);
        T? row;
        try
        {
            row = await read(cancellationToken);
            if (row is { Status: OutboxStatus.Failed } && !await kind.TryUpdateAsync(OweAgain(row), cancellationToken))
            {
                await deadLetters.RecordAsync(failure, cancellationToken);
                return false;
            }
        }
        catch
        {
            await deadLetters.RecordAsync(failure, CancellationToken.None);
            throw;
        }

        if (row is null)
        {
            return false;
        }

        await send(cancellationToken);
        return true;
    }

    private T OweAgain(T row)
    {
        row.Status = OutboxStatus.Owed;
        row.LastError = null;
        row.CompletedAt = null;
        row.Attempts = 0; // a fresh schedule: the dead letter keeps how many it took before
        row.ClaimedUntil = null;
        row.LastSentAt = time.GetUtcNow();
        row.NextAttemptAt = row.LastSentAt;
        return row;
    }

    /// <summary>
    /// Whether this message came before the row's next attempt is due (beyond a tolerance for clocks): a stray copy —
    /// the delayed message of a row a resume or sweep already sent on, a duplicate — which must not spend an attempt
    /// early. The row's own message, or the sweep's, comes when it is due.
    /// </summary>
    public bool NotYetDue(T row) => row.NextAttemptAt > time.GetUtcNow() + DueTolerance;

    /// <summary>How early a delayed message may come and still count as due: clocks of instances and storage differ a little.</summary>
    private static readonly TimeSpan DueTolerance = TimeSpan.FromSeconds(30);

    /// <summary>What an attempt throws when another holds the row: the queue retries its message later.</summary>
    public TransientDeliveryException Busy() =>
        new($"The {kind.What} is being processed by another invocation; its message will be retried.");
}
