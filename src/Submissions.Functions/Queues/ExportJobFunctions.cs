using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Submissions.Application.Exports;
using Submissions.Storage;
using Submissions.Storage.Queues;

namespace Submissions.Functions.Queues;

/// <summary>
/// The queue trigger that runs export jobs. It returns Task (never async void, which loses messages) and throws when the
/// job failed, so the host retries it and, after maxDequeueCount tries, moves it to the poison queue; the job's own row
/// already says it failed. A message that is not a job message is dropped at once.
/// </summary>
public sealed class ExportJobFunctions(ExportJobRunner runner, ILogger<ExportJobFunctions> logger)
{
    [Function("RunExportJob")]
    public Task RunAsync(
        [QueueTrigger(SubmissionsQueues.ExportJobsName, Connection = StorageConnection.Name)] QueueMessage message,
        CancellationToken cancellationToken) =>
        QueueMessageReader.ReadExportJob(message, logger) is { } job ? runner.RunAsync(job.JobId, cancellationToken) : Task.CompletedTask;
}
