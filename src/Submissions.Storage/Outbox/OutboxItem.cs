namespace Submissions.Storage.Outbox;

/// <summary>
/// An outbox row as its lifecycle sees it: the state its lease, retries, dead letter and sweep read and write. The
/// version it was read at stays inside Storage, so every write of it is conditional on nobody having changed it since.
/// </summary>
public abstract class OutboxItem
{
    private protected OutboxItem(IOutboxRow row) => Row = row;

    /// <summary><see cref="OutboxStatus"/>.</summary>
    public string Status { get => Row.Status; set => Row.Status = value; }

    /// <summary>Processing attempts so far (queue deliveries of its message).</summary>
    public int Attempts { get => Row.Attempts; set => Row.Attempts = value; }

    /// <summary>While set and in the future, one invocation is working on it and others leave it alone.</summary>
    public DateTimeOffset? ClaimedUntil { get => Row.ClaimedUntil; set => Row.ClaimedUntil = value; }

    /// <summary>When the sweep or an admin last sent its queue message again.</summary>
    public DateTimeOffset? LastSentAt { get => Row.LastSentAt; set => Row.LastSentAt = value; }

    /// <summary>When its next attempt is due (a retry, a pause's re-check, a hold): its queue message is delayed until then.</summary>
    public DateTimeOffset? NextAttemptAt { get => Row.NextAttemptAt; set => Row.NextAttemptAt = value; }

    public DateTimeOffset? CompletedAt { get => Row.CompletedAt; set => Row.CompletedAt = value; }

    /// <summary>Why it failed or was stopped: a status code or a reason word, never partner response content.</summary>
    public string? LastError { get => Row.LastError; set => Row.LastError = value; }

    public DateTimeOffset CreatedAt => Row.CreatedAt;

    internal IOutboxRow Row { get; }

    /// <summary>
    /// Takes the version of <paramref name="latest"/> (this row read again), so the next write overwrites whatever
    /// changed meanwhile: for an outcome that must win, such as the partner's acceptance.
    /// </summary>
    public void AdoptVersionOf(OutboxItem latest)
    {
        ArgumentNullException.ThrowIfNull(latest);
        Row.ETag = latest.Row.ETag;
    }
}
