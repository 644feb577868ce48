using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Submissions.Application.Notices;
using Submissions.Functions.Hosting;
using Submissions.Storage.Queues;

namespace Submissions.Functions.Queues;

/// <summary>
/// Queue triggers for withdrawal and erasure notices, on the same retry path as deliveries: they return Task and throw
/// only on a transient failure, so the host retries and, after maxDequeueCount tries, moves the message to the poison
/// queue. A message that is not a notice message is dropped at once, as for deliveries.
/// </summary>
public sealed class PartnerNoticeFunctions(PartnerNoticeProcessor processor, ILogger<PartnerNoticeFunctions> logger)
{
    [Function("DeliverPartnerNotice")]
    public Task DeliverAsync(
        [QueueTrigger(SubmissionsQueues.PartnerNoticesName, Connection = StorageRegistration.ConnectionName)] QueueMessage message,
        CancellationToken cancellationToken) =>
        QueueMessageReader.ReadNotice(message, logger) is { } notice ? processor.ProcessAsync(notice, message.DequeueCount, cancellationToken) : Task.CompletedTask;

    [Function("RecordNoticeDeadLetter")]
    public Task RecordDeadLetterAsync(
        [QueueTrigger(SubmissionsQueues.PartnerNoticesName + "-poison", Connection = StorageRegistration.ConnectionName)] QueueMessage message,
        CancellationToken cancellationToken) =>
        QueueMessageReader.ReadNotice(message, logger) is { } notice ? processor.RecordDeadLetterAsync(notice, message.DequeueCount, cancellationToken) : Task.CompletedTask;
}
