using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Submissions.Application.Mail;
using Submissions.Storage;
using Submissions.Storage.Queues;

namespace Submissions.Functions.Queues;

/// <summary>
/// Queue triggers for owed mail, on the same retry path as deliveries: they return Task and throw only on a transient
/// failure (the relay down), so the host retries with the queue's visibility timeout and, after maxDequeueCount tries,
/// moves the message to the poison queue, whose function records a dead letter an admin can retry.
/// </summary>
public sealed class OutboundMailFunctions(OutboundMailDispatcher dispatcher, ILogger<OutboundMailFunctions> logger)
{
    [Function("SendMail")]
    public Task SendAsync(
        [QueueTrigger(SubmissionsQueues.OutboundMailName, Connection = StorageConnection.Name)] QueueMessage message,
        CancellationToken cancellationToken) =>
        QueueMessageReader.ReadMail(message, logger) is { } mail ? dispatcher.ProcessAsync(mail, message.DequeueCount, cancellationToken) : Task.CompletedTask;

    [Function("RecordMailDeadLetter")]
    public Task RecordDeadLetterAsync(
        [QueueTrigger(SubmissionsQueues.OutboundMailName + "-poison", Connection = StorageConnection.Name)] QueueMessage message,
        CancellationToken cancellationToken) =>
        QueueMessageReader.ReadMail(message, logger) is { } mail ? dispatcher.RecordDeadLetterAsync(mail, message.DequeueCount, cancellationToken) : Task.CompletedTask;
}
