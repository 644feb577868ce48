using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Functions.Http;
using Submissions.Functions.Queues;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Queues;

namespace Submissions.Functions.Tests.Exports;

/// <summary>Export jobs as an admin and the Functions host use them: queue, run from the queue, status, file.</summary>
public static class ExportJobCalls
{
    /// <summary>GET manage/exports/{kind} with async=true, for the whole test day unless a range is given.</summary>
    public static Task<TestResponse> QueueExportAsync(this TestApp app, string kind, string format, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        app.ExportRawAsync(kind, ExportCalls.Query(from ?? ExportCalls.DayStart, to ?? ExportCalls.DayStart.AddDays(1), format) + "&async=true");

    public static string JobIdOf(TestResponse queued)
    {
        ArgumentNullException.ThrowIfNull(queued);
        Assert.Equal(202, queued.Status);
        return queued.Json.GetProperty("jobId").GetString()!;
    }

    /// <summary>Receives (and deletes) the waiting export job messages, as the trigger would.</summary>
    public static async Task<List<QueueMessage>> TakeExportJobMessagesAsync(this TestApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var queue = app.Services.GetRequiredService<SubmissionsQueues>().ExportJobs;
        var messages = (await queue.ReceiveMessagesAsync(32, cancellationToken: TestContext.Current.CancellationToken)).Value.ToList();
        foreach (var message in messages)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, TestContext.Current.CancellationToken);
        }

        return messages;
    }

    public static Task RunExportJobAsync(this TestApp app, QueueMessage message) =>
        app.Function<ExportJobFunctions>().RunAsync(message, TestContext.Current.CancellationToken);

    /// <summary>Takes every waiting job message and runs the trigger on it; returns the messages it ran.</summary>
    public static async Task<List<QueueMessage>> RunExportJobsAsync(this TestApp app)
    {
        var messages = await app.TakeExportJobMessagesAsync();
        foreach (var message in messages)
        {
            await app.RunExportJobAsync(message);
        }

        return messages;
    }

    public static Task<TestResponse> ExportJobAsync(this TestApp app, string jobId)
    {
        ArgumentNullException.ThrowIfNull(app);
        var request = HttpExchange.Request("GET", $"/api/manage/export-jobs/{jobId}", contentType: null);
        return app.Function<ExportFunctions>().GetJobAsync(request, jobId, TestContext.Current.CancellationToken).ExecuteAsync(request);
    }

    public static Task<TestResponse> ExportJobFileAsync(this TestApp app, string jobId, IDictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var request = HttpExchange.Request("GET", $"/api/manage/export-jobs/{jobId}/file", contentType: null, headers: headers);
        return app.Function<ExportFunctions>().DownloadJobFileAsync(request, jobId, TestContext.Current.CancellationToken).ExecuteAsync(request);
    }
}
