using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Functions.Queues;
using Submissions.Storage.Notices;
using Submissions.Storage.Queues;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>Owes notices the way withdrawal and erasure do, and plays the host's part for the notice queue triggers.</summary>
public static class NoticeDriver
{
    /// <summary>Adds an owed notice to the demo partner (no queue message: see <see cref="OweNoticeAsync"/>).</summary>
    public static async Task<NoticeEntity> AddNoticeAsync(this TestApp app, string type, string[] deliveryIds, string labels = "", string partnerId = "demo-partner")
    {
        var noticeId = Guid.NewGuid().ToString("N");
        var now = app.Time.GetUtcNow();
        var notice = new NoticeEntity
        {
            PartitionKey = partnerId,
            RowKey = noticeId,
            NoticeId = noticeId,
            PartnerId = partnerId,
            Type = type,
            DeliveryIds = string.Join(',', deliveryIds),
            Labels = labels,
            CreatedAt = now,
            OccurredAt = now.AddSeconds(-1),
        };
        Assert.True(await app.Services.GetRequiredService<NoticeStore>().TryAddAsync(notice, TestContext.Current.CancellationToken));
        return notice;
    }

    /// <summary>Adds an owed notice and sends its queue message, as withdrawal and erasure do.</summary>
    public static async Task<NoticeEntity> OweNoticeAsync(this TestApp app, string type, string[] deliveryIds, string labels = "", string partnerId = "demo-partner")
    {
        var notice = await app.AddNoticeAsync(type, deliveryIds, labels, partnerId);
        await app.Services.GetRequiredService<SubmissionsQueues>().SendNoticeAsync(partnerId, notice.RowKey, TestContext.Current.CancellationToken);
        return notice;
    }

    public static async Task<NoticeEntity> NoticeAsync(this TestApp app, NoticeEntity notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return (await app.Services.GetRequiredService<NoticeStore>().GetAsync(notice.PartitionKey, notice.RowKey, TestContext.Current.CancellationToken))!;
    }

    /// <summary>Receives (and deletes) the waiting notice messages, as the trigger would.</summary>
    public static async Task<List<QueueMessage>> TakeNoticeMessagesAsync(this TestApp app, bool poison = false)
    {
        var queues = app.Services.GetRequiredService<SubmissionsQueues>();
        var queue = poison ? queues.PartnerNoticesPoison : queues.PartnerNotices;
        var messages = (await queue.ReceiveMessagesAsync(32, cancellationToken: TestContext.Current.CancellationToken)).Value.ToList();
        foreach (var message in messages)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, TestContext.Current.CancellationToken);
        }

        return messages;
    }

    public static Task DeliverNoticeAsync(this TestApp app, QueueMessage message) =>
        app.Function<PartnerNoticeFunctions>().DeliverAsync(message, TestContext.Current.CancellationToken);

    /// <summary>Takes every waiting notice message and runs the notice function on it.</summary>
    public static async Task<int> DeliverAllNoticesAsync(this TestApp app)
    {
        var messages = await app.TakeNoticeMessagesAsync();
        foreach (var message in messages)
        {
            await app.DeliverNoticeAsync(message);
        }

        return messages.Count;
    }
}
