using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Deliveries;
using Submissions.Storage.Queues;

namespace Submissions.Functions.Queues;

/// <summary>
/// Queue triggers for partner delivery. They return Task (never async void, which loses messages) and throw only on a
/// transient failure, so the host retries the message and, after maxDequeueCount tries, moves it to the poison queue.
/// </summary>
public sealed class PartnerDeliveryFunctions(PartnerDeliveryProcessor processor)
{
    public const string Connection = "SubmissionsStorage";

    [Function("DeliverToPartner")]
    public Task DeliverAsync(
        [QueueTrigger(SubmissionsQueues.PartnerDeliveriesName, Connection = Connection)] QueueMessage message,
        CancellationToken cancellationToken) =>
        processor.ProcessAsync(Parse(message), message.DequeueCount, cancellationToken);

    [Function("RecordDeliveryDeadLetter")]
    public Task RecordDeadLetterAsync(
        [QueueTrigger(SubmissionsQueues.PartnerDeliveriesName + "-poison", Connection = Connection)] QueueMessage message,
        CancellationToken cancellationToken) =>
        processor.RecordDeadLetterAsync(Parse(message), message.DequeueCount, cancellationToken);

    private static PartnerDeliveryMessage Parse(QueueMessage message) =>
        PartnerDeliveryMessage.FromJson(message.Body.ToString())
        ?? throw new InvalidOperationException($"Queue message {message.MessageId} is not a delivery message.");
}
