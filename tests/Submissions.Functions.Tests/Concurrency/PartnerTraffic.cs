using System.Diagnostics;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using Submissions.Application.Deliveries;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Concurrency;

/// <summary>A webhook the partner got, read: its type, the delivery ids it is about, and when it arrived and was answered.</summary>
public sealed record PartnerEvent(string Type, string WebhookId, IReadOnlyList<string> DeliveryIds, long ArrivedAt, long AnsweredAt)
{
    public const string Lead = "lead.created";
    public const string Erased = "subject.erased";

    public static PartnerEvent From(ReceivedWebhook webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var body = JsonDocument.Parse(webhook.Body).RootElement;
        var type = body.GetProperty("type").GetString()!;
        IReadOnlyList<string> deliveryIds = type == Lead
            ? [body.GetProperty("deliveryId").GetString()!]
            : [.. body.GetProperty("deliveryIds").EnumerateArray().Select(id => id.GetString()!)];
        return new PartnerEvent(type, webhook.WebhookId, deliveryIds, webhook.ArrivedAt, webhook.AnsweredAt);
    }
}

/// <summary>Plays the Functions host for the partner queues while a test runs: every message is processed, and retried as the queue would.</summary>
public static class PartnerTraffic
{
    /// <summary>
    /// More than the host's maxDequeueCount (5): its tries are 2 minutes apart, longer than any lease, so a copy that
    /// backed off from a lease never runs out of them; here they are seconds apart.
    /// </summary>
    private const int MaxTries = 8;

    /// <summary>
    /// Runs one queue message through a trigger; a <see cref="TransientDeliveryException"/> (the documented "the queue
    /// retries it": a lease held by another copy, a partner timing out) is retried after a pause, as the queue does
    /// after its visibility timeout — shorter here (0.25 s doubling up to 2 s, not 2 minutes), but long enough on a
    /// loaded machine for the copy holding the lease to finish. Anything else propagates and fails the test. Returns
    /// the tries taken.
    /// </summary>
    public static async Task<int> ProcessAsync(Func<Task> trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await trigger();
                return attempt;
            }
            catch (TransientDeliveryException) when (attempt < MaxTries)
            {
                await Task.Delay(Math.Min(250 * (1 << (attempt - 1)), 2000), TestContext.Current.CancellationToken);
            }
        }
    }

    /// <summary>Takes and delivers notice messages until <paramref name="stop"/> is cancelled, as DeliverPartnerNotice would.</summary>
    public static async Task PumpNoticesAsync(this TestApp app, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(app);
        while (!stop.IsCancellationRequested)
        {
            var messages = await app.TakeNoticeMessagesAsync();
            await Task.WhenAll(messages.Select(message => ProcessAsync(() => app.DeliverNoticeAsync(message))));
            if (messages.Count == 0)
            {
                await Task.Delay(10, CancellationToken.None);
            }
        }
    }

    /// <summary>Every delivery message waiting (the queue hands out at most 32 a call).</summary>
    public static async Task<List<QueueMessage>> TakeAllDeliveryMessagesAsync(this TestApp app, int expected)
    {
        ArgumentNullException.ThrowIfNull(app);
        var messages = new List<QueueMessage>();
        var deadline = Stopwatch.StartNew();
        while (messages.Count < expected && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            messages.AddRange(await app.TakeDeliveryMessagesAsync());
        }

        Assert.Equal(expected, messages.Count);
        return messages;
    }
}
