using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Functions.Queues;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Queues;
using Submissions.Testing;

namespace Submissions.Functions.Tests.Faults;

/// <summary>
/// Plays the Functions host's queue trigger against a real queue: a message whose function throws is tried again — made
/// visible again with its dequeue count one higher — until it has been tried maxDequeueCount times (host.json), then
/// moved to the poison queue; one whose function returns is deleted. The host's visibility timeout (2 min) is not
/// waited out: a failed message is visible again at once.
/// </summary>
public sealed class QueueTriggerHost(QueueClient queue, QueueClient poison, Func<QueueMessage, CancellationToken, Task> function)
{
    /// <summary>host.json's extensions.queues.maxDequeueCount: what the deployed host will do.</summary>
    public static int MaxDequeueCount { get; } = ReadMaxDequeueCount();

    /// <summary>Every invocation's outcome, in order: "done" or the exception type's name.</summary>
    public List<string> Outcomes { get; } = [];

    /// <summary>One poll: runs the function on each visible message. Returns how many it took.</summary>
    public async Task<int> RunOnceAsync()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(60), cancellation)).Value;
        foreach (var message in messages)
        {
            try
            {
                await function(message, cancellation);
                Outcomes.Add("done");
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellation);
            }
#pragma warning disable CA1031 // The host catches whatever a function throws: that is what retries it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Outcomes.Add(ex.GetType().Name);
                if (message.DequeueCount >= MaxDequeueCount)
                {
                    await poison.SendMessageAsync(message.Body, cancellationToken: cancellation);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellation);
                }
                else
                {
                    await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellation);
                }
            }
        }

        return messages.Length;
    }

    /// <summary>The delivery queue's trigger (DeliverToPartner) of <paramref name="app"/>.</summary>
    public static QueueTriggerHost Deliveries(TestApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var queues = app.Services.GetRequiredService<SubmissionsQueues>();
        return new QueueTriggerHost(queues.PartnerDeliveries, queues.PartnerDeliveriesPoison, app.Function<PartnerDeliveryFunctions>().DeliverAsync);
    }

    /// <summary>Polls until nothing is visible (each failed try makes its message visible again).</summary>
    public async Task RunUntilEmptyAsync()
    {
        for (var poll = 0; poll < 50; poll++)
        {
            if (await RunOnceAsync() == 0)
            {
                return;
            }
        }

        throw new InvalidOperationException("The queue did not empty in 50 polls.");
    }

    private static int ReadMaxDequeueCount()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")));
        return host.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32();
    }
}
