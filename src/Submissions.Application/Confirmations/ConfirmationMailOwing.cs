using Microsoft.Extensions.Logging;
using Submissions.Application.Http;
using Submissions.Storage.Confirmations;
using Submissions.Storage.Queues;

namespace Submissions.Application.Confirmations;

/// <summary>Sends the queue message naming a confirmation mail owed by a committed pending submission.</summary>
public sealed partial class ConfirmationMailOwing(SubmissionsQueues queues, ILogger<ConfirmationMailOwing> logger)
{
    /// <summary>
    /// The mail is already owed durably (the pending row is its outbox row); a failed send only delays it until the
    /// outbox sweep re-sends it, so it does not fail the request. Not under the request's token: the submission is committed.
    /// </summary>
    public Task OweAsync(string confirmationId) =>
        FormStorageGuard.TryAsync(
            () => queues.SendMailAsync(ConfirmationMailKind.KindName, confirmationId, CancellationToken.None),
            status => LogEnqueueFailed(logger, ConfirmationIds.ShortForm(confirmationId), status));

    [LoggerMessage(EventId = 3532, Level = LogLevel.Warning, Message = "Confirmation mail {ConfirmationId} is owed but its queue message failed (status {Status}); the outbox sweep will send it")]
    private static partial void LogEnqueueFailed(ILogger logger, string confirmationId, int status);
}
