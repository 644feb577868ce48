using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Submissions.Application.Notices;
using Submissions.Storage.Queues;

namespace Submissions.Functions.Queues;

/// <summary>
/// Queue triggers for withdrawal and erasure notices, on the same retry path as deliveries: they return Task and throw
/// only on a transient failure, so the host retries and, after maxDequeueCount tries, moves the message to the poison
/// queue. A message that is not a notice message is dropped at once, as for deliveries.
/// </summary>
public sealed partial class PartnerNoticeFunctions(PartnerNoticeProcessor processor, ILogger<PartnerNoticeFunctions> logger)
{
    [Function("DeliverPartnerNotice")]
    public Task DeliverAsync(
        [QueueTrigger(SubmissionsQueues.PartnerNoticesName, Connection = PartnerDeliveryFunctions.Connection)] QueueMessage message,
        CancellationToken cancellationToken) =>
        Parse(message) is { } notice ? processor.ProcessAsync(notice, message.DequeueCount, cancellationToken) : Task.CompletedTask;

    [Function("RecordNoticeDeadLetter")]
    public Task RecordDeadLetterAsync(
        [QueueTrigger(SubmissionsQueues.PartnerNoticesName + "-poison", Connection = PartnerDeliveryFunctions.Connection)] QueueMessage message,
        CancellationToken cancellationToken) =>
        Parse(message) is { } notice ? processor.RecordDeadLetterAsync(notice, message.DequeueCount, cancellationToken) : Task.CompletedTask;

    private PartnerNoticeMessage? Parse(QueueMessage message)
    {
        var notice = PartnerNoticeMessage.FromJson(message.Body.ToString());
        if (notice is null)
        {
            LogMalformed(logger, message.MessageId);
        }

        return notice;
    }

    // The message id only: a message that is not ours may carry anything.
    [LoggerMessage(EventId = 2207, Level = LogLevel.Error, Message = "Queue message {MessageId} is not a notice message; dropped without retry")]
    private static partial void LogMalformed(ILogger logger, string messageId);
}
