using Azure.Data.Tables;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Functions.Http;
using Submissions.Functions.Queues;
using Submissions.Storage.Queues;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>Plays the Functions host's part for queue triggers: takes the app's queue messages and invokes the functions.</summary>
public static class DeliveryDriver
{
    public static async Task PointDemoPartnerAtAsync(this TestApp app, string url, params string[] fields)
    {
        var response = await app.PutPartnerAsync("demo-partner", new { name = "Demo Partner Ltd", webhookUrl = url, fields = fields.Length == 0 ? ["email", "name"] : fields, active = true });
        Assert.InRange(response.Status, 200, 201);
    }

    /// <summary>Receives (and deletes) the waiting delivery messages, as the trigger would.</summary>
    public static async Task<List<QueueMessage>> TakeDeliveryMessagesAsync(this TestApp app, bool poison = false)
    {
        var queues = app.Services.GetRequiredService<SubmissionsQueues>();
        var queue = poison ? queues.PartnerDeliveriesPoison : queues.PartnerDeliveries;
        var messages = (await queue.ReceiveMessagesAsync(32)).Value.ToList();
        foreach (var message in messages)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        return messages;
    }

    public static Task DeliverAsync(this TestApp app, QueueMessage message) =>
        app.Function<PartnerDeliveryFunctions>().DeliverAsync(message, CancellationToken.None);

    /// <summary>Takes every waiting message and runs the delivery function on it.</summary>
    public static async Task<int> DeliverAllAsync(this TestApp app)
    {
        var messages = await app.TakeDeliveryMessagesAsync();
        foreach (var message in messages)
        {
            await app.DeliverAsync(message);
        }

        return messages.Count;
    }

    /// <summary>
    /// Runs the delivery function on waiting messages, round after round, until none is left: with the tests' retry
    /// schedule (no waits) every scheduled retry is visible at once. Returns how many messages ran.
    /// </summary>
    public static async Task<int> DeliverUntilQuietAsync(this TestApp app)
    {
        var ran = 0;
        for (var round = 0; round < 50; round++)
        {
            var count = await app.DeliverAllAsync();
            if (count == 0)
            {
                return ran;
            }

            ran += count;
        }

        throw new InvalidOperationException("Delivery messages kept coming for 50 rounds.");
    }

    /// <summary>POST manage/partners/{partnerId}/resume: an admin closes a paused partner's breaker.</summary>
    public static async Task<TestResponse> ResumePartnerAsync(this TestApp app, string partnerId = "demo-partner")
    {
        var request = HttpExchange.Request("POST", $"/api/manage/partners/{partnerId}/resume", contentType: null);
        return await app.Function<PartnerFunctions>().ResumePartnerAsync(request, partnerId, TestContext.Current.CancellationToken).ExecuteAsync(request);
    }

    /// <summary>POST manage/partners/{partnerId}/test: a signed test event, the partner's answer reported.</summary>
    public static async Task<TestResponse> TestPartnerAsync(this TestApp app, string partnerId = "demo-partner")
    {
        var request = HttpExchange.Request("POST", $"/api/manage/partners/{partnerId}/test", contentType: null);
        return await app.Function<PartnerFunctions>().TestPartnerAsync(request, partnerId, TestContext.Current.CancellationToken).ExecuteAsync(request);
    }

    /// <summary>POST manage/partners/{partnerId}/recover?since=: what failed for good since then, owed again.</summary>
    public static async Task<TestResponse> RecoverPartnerAsync(this TestApp app, string? since, string partnerId = "demo-partner")
    {
        var query = since is null ? null : "?since=" + Uri.EscapeDataString(since);
        var request = HttpExchange.Request("POST", $"/api/manage/partners/{partnerId}/recover", contentType: null, query: query);
        return await app.Function<PartnerFunctions>().RecoverPartnerAsync(request, partnerId, TestContext.Current.CancellationToken).ExecuteAsync(request);
    }

    /// <summary>GET manage/deliveries?status=failed: the dead letters an admin sees.</summary>
    public static async Task<TestResponse> ListFailedDeliveriesAsync(this TestApp app)
    {
        var request = HttpExchange.Request("GET", "/api/manage/deliveries", contentType: null, query: "?status=failed");
        return await app.Function<DeliveryAdminFunctions>().ListAsync(request, TestContext.Current.CancellationToken).ExecuteAsync(request);
    }

    /// <summary>POST manage/deliveries/{id}/retry: an admin re-queues a dead letter.</summary>
    public static async Task<TestResponse> RetryDeliveryAsync(this TestApp app, string deliveryId)
    {
        var request = HttpExchange.Request("POST", $"/api/manage/deliveries/{deliveryId}/retry", contentType: null);
        return await app.Function<DeliveryAdminFunctions>().RetryAsync(request, deliveryId, TestContext.Current.CancellationToken).ExecuteAsync(request);
    }

    public static async Task<List<TableEntity>> RowsAsync(this TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }
}
