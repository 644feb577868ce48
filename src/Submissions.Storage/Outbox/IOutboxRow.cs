using Azure.Data.Tables;

namespace Submissions.Storage.Outbox;

/// <summary>
/// What every outbox row shares — an owed lead delivery, an owed partner notice: the state its lease, retries, dead
/// letter and sweep read and write, so one piece of code runs that lifecycle for both.
/// </summary>
public interface IOutboxRow : ITableEntity
{
    /// <summary><see cref="OutboxStatus"/>.</summary>
    string Status { get; set; }

    /// <summary>Processing attempts so far (queue deliveries of its message).</summary>
    int Attempts { get; set; }

    /// <summary>While set and in the future, one invocation is working on it and others leave it alone.</summary>
    DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>When the sweep or an admin last sent its queue message again.</summary>
    DateTimeOffset? LastSentAt { get; set; }

    /// <summary>When its next attempt is due (a retry, a pause's re-check, a hold): its queue message is delayed until then.</summary>
    DateTimeOffset? NextAttemptAt { get; set; }

    DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Why it failed or was stopped: a status code or a reason word, never partner response content.</summary>
    string? LastError { get; set; }

    DateTimeOffset CreatedAt { get; set; }
}
