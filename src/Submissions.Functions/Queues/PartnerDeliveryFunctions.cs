using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Submissions.Application.Deliveries;
using Submissions.Functions.Hosting;
using Submissions.Storage.Queues;

namespace Submissions.Functions.Queues;

/// <summary>
/// Queue triggers for partner delivery. They return Task (never async void, which loses messages) and throw only on a
/// transient failure, so the host retries the message and, after maxDequeueCount tries, moves it to the poison queue.
/// A message that is not a delivery message is dropped at once: retrying cannot mend it, and the poison queue's own
/// function would fail on it too.
/// </summary>
public sealed class PartnerDeliveryFunctions(PartnerDeliveryProcessor processor, ILogger<PartnerDeliveryFunctions> logger)
{
    [Function("DeliverToPartner")]
    public Task DeliverAsync(
        [QueueTrigger(SubmissionsQueues.PartnerDeliveriesName, Connection = StorageRegistration.ConnectionName)] QueueMessage message,
        CancellationToken cancellationToken) =>
        QueueMessageReader.ReadDelivery(message, logger) is { } delivery ? processor.ProcessAsync(delivery, message.DequeueCount, cancellationToken) : Task.CompletedTask;

    [Function("RecordDeliveryDeadLetter")]
    public Task RecordDeadLetterAsync(
        [QueueTrigger(SubmissionsQueues.PartnerDeliveriesName + "-poison", Connection = StorageRegistration.ConnectionName)] QueueMessage message,
        CancellationToken cancellationToken) =>
        QueueMessageReader.ReadDelivery(message, logger) is { } delivery ? processor.RecordDeadLetterAsync(delivery, message.DequeueCount, cancellationToken) : Task.CompletedTask;
}
