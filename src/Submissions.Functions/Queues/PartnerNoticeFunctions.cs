using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Notices;
using Submissions.Storage.Queues;

namespace Submissions.Functions.Queues;

/// <summary>
/// Queue triggers for withdrawal and erasure notices, on the same retry path as deliveries: they return Task and throw
/// only on a transient failure, so the host retries and, after maxDequeueCount tries, moves the message to the poison queue.
/// </summary>
public sealed class PartnerNoticeFunctions(PartnerNoticeProcessor processor)
{
    [Function("DeliverPartnerNotice")]
    public Task DeliverAsync(
        [QueueTrigger(SubmissionsQueues.PartnerNoticesName, Connection = PartnerDeliveryFunctions.Connection)] QueueMessage message,
        CancellationToken cancellationToken) =>
        processor.ProcessAsync(Parse(message), message.DequeueCount, cancellationToken);

    [Function("RecordNoticeDeadLetter")]
    public Task RecordDeadLetterAsync(
        [QueueTrigger(SubmissionsQueues.PartnerNoticesName + "-poison", Connection = PartnerDeliveryFunctions.Connection)] QueueMessage message,
        CancellationToken cancellationToken) =>
        processor.RecordDeadLetterAsync(Parse(message), message.DequeueCount, cancellationToken);

    private static PartnerNoticeMessage Parse(QueueMessage message) =>
        PartnerNoticeMessage.FromJson(message.Body.ToString())
        ?? throw new InvalidOperationException($"Queue message {message.MessageId} is not a notice message.");
}
