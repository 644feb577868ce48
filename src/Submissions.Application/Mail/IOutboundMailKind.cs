using Submissions.Storage.Deliveries;

namespace Submissions.Application.Mail;

/// <summary>
/// One kind of mail the app owes (a confirmation, a privacy request's link, …): how its owed row is found by the id in
/// the queue message, sent, dead-lettered, swept and retried. <see cref="OutboundMailDispatcher"/> routes by <see cref="Kind"/>.
/// </summary>
public interface IOutboundMailKind
{
    /// <summary>The kind in queue messages and dead letters (<c>confirmation</c>, …).</summary>
    string Kind { get; }

    /// <summary>Sends the mail the row owes; throws on a transient failure so the queue retries it.</summary>
    Task ProcessAsync(string id, long dequeueCount, CancellationToken cancellationToken);

    /// <summary>The poison queue's message: retries are exhausted; record a dead letter admins can retry.</summary>
    Task RecordDeadLetterAsync(string id, long dequeueCount, CancellationToken cancellationToken);

    /// <summary>Sends again the queue message of every mail owed for too long; returns how many.</summary>
    Task<int> SweepAsync(CancellationToken cancellationToken);

    /// <summary>An admin's retry of a dead letter of this kind. False when the row changed meanwhile.</summary>
    Task<bool> RetryAsync(DeadLetter failure, CancellationToken cancellationToken);
}
