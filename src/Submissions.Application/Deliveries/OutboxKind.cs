using Submissions.Storage.Outbox;

namespace Submissions.Application.Deliveries;

/// <summary>How one kind of outbox row is read, written, named in a dead letter and re-queued.</summary>
/// <param name="What">"delivery" or "notice", for messages.</param>
/// <param name="TryUpdateAsync">A write under the version the row was read at; false when it changed or went meanwhile.</param>
/// <param name="RereadAsync">The row as stored now, or null when it is gone.</param>
/// <param name="DeadLetterId">The row's id among the dead letters (and in the retry route).</param>
/// <param name="SendAsync">Sends the row's queue message again, invisible for the delay given (zero: at once).</param>
internal sealed record OutboxKind<T>(
    string What,
    Func<T, CancellationToken, Task<bool>> TryUpdateAsync,
    Func<T, CancellationToken, Task<T?>> RereadAsync,
    Func<T, string> DeadLetterId,
    Func<T, TimeSpan, CancellationToken, Task> SendAsync)
    where T : OutboxItem;
