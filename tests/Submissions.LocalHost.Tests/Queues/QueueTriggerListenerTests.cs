using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.LocalHost.Metadata;
using Submissions.LocalHost.Queues;
using Submissions.LocalHost.Settings;
using Submissions.LocalHost.Tests.Infrastructure;
using Submissions.LocalHost.Timers;

namespace Submissions.LocalHost.Tests.Queues;

/// <summary>
/// The queue trigger's host semantics against a real Azurite: Base64 messages decoded, a returned function's message
/// deleted, a failing one retried after the visibility timeout and moved to "{queue}-poison" after maxDequeueCount tries.
/// </summary>
public sealed class QueueTriggerListenerTests(AzuriteFixture azurite)
{
    private static readonly QueueTriggerOptions FastRetries = new(
        BatchSize: 4, NewBatchThreshold: 2, MaxDequeueCount: 3, VisibilityTimeout: TimeSpan.FromMilliseconds(200), MaxPollingInterval: TimeSpan.FromMilliseconds(200));

    /// <summary>
    /// Every trigger of functions.metadata runs: AddHostedService would keep only the first listener (and scheduler),
    /// so the partner deliveries stopped once the mail's queue trigger came first in the file.
    /// </summary>
    [Fact]
    public async Task The_local_host_runs_a_listener_for_every_queue_trigger_and_a_scheduler_for_every_timer()
    {
        var functions = FunctionsMetadataFile.Load(Path.Combine(AppContext.BaseDirectory, FunctionsMetadataFile.FileName));
        await using var host = await LocalHostUnderTest.StartAsync(azurite.ConnectionString);

        var hosted = host.Services.GetServices<IHostedService>().ToList();
        Assert.True(functions.Count(function => function.Trigger is QueueTrigger) >= 2);
        Assert.Equal(functions.Count(function => function.Trigger is QueueTrigger), hosted.OfType<QueueTriggerListener>().Count());
        Assert.Equal(functions.Count(function => function.Trigger is TimerTrigger), hosted.OfType<TimerTriggerScheduler>().Count());
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_tried_max_dequeue_count_times_then_moved_to_the_poison_queue()
    {
        var (queue, poison) = await QueuesAsync();
        var tries = new ConcurrentQueue<long>();
        await queue.SendMessageAsync("delivery 42", TestContext.Current.CancellationToken);

        await RunUntilAsync(queue, (message, _) =>
        {
            tries.Enqueue(message.DequeueCount);
            throw new InvalidOperationException("transient");
        }, async () => await poison.ExistsAsync(TestContext.Current.CancellationToken)
            && (await poison.PeekMessagesAsync(cancellationToken: TestContext.Current.CancellationToken)).Value.Length > 0);

        Assert.Equal([1, 2, 3], tries.Order());
        var poisoned = Assert.Single((await poison.ReceiveMessagesAsync(10, cancellationToken: TestContext.Current.CancellationToken)).Value);
        Assert.Equal("delivery 42", poisoned.MessageText);
        Assert.Empty((await queue.PeekMessagesAsync(10, TestContext.Current.CancellationToken)).Value);
    }

    [Fact]
    public async Task A_message_whose_function_returns_is_run_once_decoded_and_deleted()
    {
        var (queue, poison) = await QueuesAsync();
        var seen = new ConcurrentQueue<string>();
        foreach (var text in new[] { "first", "deuxième é€", "third" })
        {
            await queue.SendMessageAsync(text, TestContext.Current.CancellationToken);
        }

        await RunUntilAsync(queue, (message, _) =>
        {
            seen.Enqueue(message.MessageText);
            return Task.CompletedTask;
        }, () => Task.FromResult(seen.Count == 3));
        await Task.Delay(500, TestContext.Current.CancellationToken);

        Assert.Equal(["deuxième é€", "first", "third"], seen.Order(StringComparer.Ordinal));
        Assert.Empty((await queue.PeekMessagesAsync(10, TestContext.Current.CancellationToken)).Value);
        Assert.False(await poison.ExistsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_message_that_is_not_Base64_goes_to_the_poison_queue_as_it_is_without_running()
    {
        var (queue, poison) = await QueuesAsync();
        var raw = new QueueClient(azurite.ConnectionString, queue.Name);
        var rawPoison = new QueueClient(azurite.ConnectionString, poison.Name);
        await raw.SendMessageAsync("not base64 at all!", TestContext.Current.CancellationToken);
        var runs = 0;

        await RunUntilAsync(queue, (_, _) =>
        {
            Interlocked.Increment(ref runs);
            return Task.CompletedTask;
        }, async () => await rawPoison.ExistsAsync(TestContext.Current.CancellationToken)
            && (await rawPoison.PeekMessagesAsync(cancellationToken: TestContext.Current.CancellationToken)).Value.Length > 0);

        Assert.Equal(0, runs);
        var poisoned = Assert.Single((await rawPoison.ReceiveMessagesAsync(10, cancellationToken: TestContext.Current.CancellationToken)).Value);
        Assert.Equal("not base64 at all!", poisoned.MessageText);
        Assert.Empty((await raw.PeekMessagesAsync(10, TestContext.Current.CancellationToken)).Value);
    }

    private async Task<(QueueClient Queue, QueueClient Poison)> QueuesAsync()
    {
        // The Functions host's queue trigger decodes Base64 by default: messages are sent encoded, as the app sends them.
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var name = "q" + Guid.NewGuid().ToString("N")[..12];
        var queue = new QueueClient(azurite.ConnectionString, name, options);
        await queue.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);
        return (queue, new QueueClient(azurite.ConnectionString, name + "-poison", options));
    }

    private async Task RunUntilAsync(QueueClient queue, Func<QueueMessage, CancellationToken, Task> function, Func<Task<bool>> done)
    {
        using var listener = new QueueTriggerListener(
            new FunctionEntry("Test", "Test.dll", "Test.Run", new QueueTrigger("message", queue.Name, "Storage")),
            azurite.ConnectionString,
            queue.Name,
            FastRetries,
            function,
            TimeProvider.System,
            NullLogger<QueueTriggerListener>.Instance);
        await listener.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            for (var attempt = 0; attempt < 300 && !await done(); attempt++)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }

        Assert.True(await done(), "the listener did not finish within 30 s");
    }
}
