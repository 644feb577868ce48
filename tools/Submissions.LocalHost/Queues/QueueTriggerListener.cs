using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Submissions.LocalHost.Metadata;
using Submissions.LocalHost.Settings;

namespace Submissions.LocalHost.Queues;

/// <summary>
/// A queue trigger with the Functions host's semantics (host.json extensions.queues): fetch up to batchSize messages
/// under a lease, run them concurrently, fetch again once no more than newBatchThreshold are running; delete a message
/// whose function returned; make a failed one visible again after visibilityTimeout; move it to "{queue}-poison" once it
/// has been tried maxDequeueCount times. An empty queue is polled less and less often, up to maxPollingInterval.
/// </summary>
internal sealed partial class QueueTriggerListener : BackgroundService
{
    private readonly FunctionEntry function;
    private readonly QueueClient queue;
    private readonly QueueClient poisonQueue;
    private readonly QueueClient rawPoisonQueue;
    private readonly QueueTriggerOptions options;
    private readonly Func<QueueMessage, CancellationToken, Task> invoke;
    private readonly TimeProvider time;
    private readonly ILogger<QueueTriggerListener> logger;

    public QueueTriggerListener(
        FunctionEntry function,
        string connectionString,
        string queueName,
        QueueTriggerOptions options,
        Func<QueueMessage, CancellationToken, Task> invoke,
        TimeProvider time,
        ILogger<QueueTriggerListener> logger)
    {
        this.function = function;
        this.options = options;
        this.invoke = invoke;
        this.time = time;
        this.logger = logger;
        var encoding = options.Base64Messages ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None;
        var clientOptions = new QueueClientOptions { MessageEncoding = encoding };

        // As the host's extension does, a message that is not valid Base64 goes to the poison queue as it is.
        clientOptions.MessageDecodingFailed += args => args.ReceivedMessage is { } undecodable ? MoveUndecodableAsync(undecodable, args.CancellationToken) : Task.CompletedTask;
        queue = new QueueClient(connectionString, queueName, clientOptions);
        poisonQueue = new QueueClient(connectionString, queueName + "-poison", new QueueClientOptions { MessageEncoding = encoding });
        rawPoisonQueue = new QueueClient(connectionString, queueName + "-poison");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        var wait = QueueTriggerOptions.MinPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            running.RemoveAll(task => task.IsCompleted);
            if (running.Count > options.NewBatchThreshold)
            {
                await Task.WhenAny(running);
                continue;
            }

            var batch = await ReceiveAsync(stoppingToken);
            running.AddRange(batch.Select(message => ProcessAsync(message, stoppingToken)));
            if (batch.Length > 0)
            {
                wait = QueueTriggerOptions.MinPollingInterval;
                continue;
            }

            await Task.WhenAny(running.Append(Task.Delay(wait, time, stoppingToken)));
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, options.MaxPollingInterval.Ticks));
        }

        await Task.WhenAll(running);
    }

    private async Task<QueueMessage[]> ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await queue.ReceiveMessagesAsync(options.BatchSize, QueueTriggerOptions.MessageLease, cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == QueueErrorCode.QueueNotFound)
        {
            // As the host does, a queue that does not exist yet is an empty one.
            return [];
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return [];
        }
        catch (Exception ex)
        {
            // Storage unreachable after the SDK's retries (an AggregateException), or answering an error: try again
            // at the next poll, as the host does; the listener never stops.
            LogReceiveFailed(logger, function.Name, ex.GetType().Name, (ex as RequestFailedException)?.ErrorCode);
            return [];
        }
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            if (message.DequeueCount > options.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, stoppingToken);
                return;
            }

            await invoke(message, stoppingToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the message becomes visible again when its lease ends, and runs on the next start.
        }
        catch (Exception ex)
        {
            LogFailed(logger, function.Name, ex.GetType().FullName, message.MessageId, message.DequeueCount);
            await ReleaseAsync(message, stoppingToken);
        }
    }

    private async Task ReleaseAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            if (message.DequeueCount >= options.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, stoppingToken);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: options.VisibilityTimeout, cancellationToken: stoppingToken);
            }
        }
        catch (Exception ex)
        {
            // The lease ends by itself; the message is tried again then.
            LogReleaseFailed(logger, function.Name, message.MessageId, ex.GetType().Name);
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        await poisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await poisonQueue.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        LogPoisoned(logger, function.Name, message.MessageId, poisonQueue.Name);
    }

    private async Task MoveUndecodableAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        await rawPoisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await rawPoisonQueue.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        LogPoisoned(logger, function.Name, message.MessageId, poisonQueue.Name);
    }

    // Queue messages carry ids only; the exception's message is left out (it may quote a value).
    [LoggerMessage(EventId = 9101, Level = LogLevel.Error, Message = "Function {Function} failed with {ExceptionType} on message {MessageId} (try {DequeueCount})")]
    private static partial void LogFailed(ILogger logger, string function, string? exceptionType, string messageId, long dequeueCount);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Warning, Message = "Message {MessageId} of function {Function} moved to {PoisonQueue}")]
    private static partial void LogPoisoned(ILogger logger, string function, string messageId, string poisonQueue);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Warning, Message = "Function {Function} could not receive messages: {ExceptionType} {ErrorCode}")]
    private static partial void LogReceiveFailed(ILogger logger, string function, string exceptionType, string? errorCode);

    [LoggerMessage(EventId = 9104, Level = LogLevel.Warning, Message = "Function {Function} could not release message {MessageId}: {ExceptionType}")]
    private static partial void LogReleaseFailed(ILogger logger, string function, string messageId, string exceptionType);
}
