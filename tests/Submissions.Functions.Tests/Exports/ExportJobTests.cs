using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Submissions.Application.Exports;
using Submissions.Functions.Http;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Audit;
using Submissions.Storage.Blobs;
using Submissions.Storage.Exports;

namespace Submissions.Functions.Tests.Exports;

/// <summary>
/// An export that would outlast the HTTP limit runs as a job: 202 with a link, the queue trigger writes the same bytes a
/// streamed export sends to a private blob, and the file is downloaded (audited) once the job has succeeded.
/// </summary>
public sealed class ExportJobTests(AzuriteFixture azurite)
{
    private static readonly string[] Kinds = ["registrations", "comments", "votes", "promotion-entries", "consents", "disclosures"];

    public static TheoryData<string> Formats { get; } = ["ndjson", "csv"];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_job_file_is_byte_for_byte_the_streamed_export_of_the_same_request_with_the_same_headers(string format)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.CreatePersonWithEverythingAsync(receiver.Url);
        await app.PostCommentAsync(CommentForms.Body(CommentForms.NewPageId(), "Hyvää päivää — “quoted”, =1+1, ünïcödé 😀"));

        foreach (var kind in Kinds)
        {
            var (streamed, streamedBytes) = await ExecuteAsync(ExportCalls.Request(kind, ExportCalls.Query(ExportCalls.DayStart, ExportCalls.DayStart.AddDays(1), format)), request =>
                app.Function<ExportFunctions>().ExportAsync(request, kind, TestContext.Current.CancellationToken));
            var jobId = ExportJobCalls.JobIdOf(await app.QueueExportAsync(kind, format));
            Assert.Single(await app.RunExportJobsAsync());
            var (file, fileBytes) = await DownloadAsync(app, jobId);

            Assert.Equal(200, streamed.Status);
            Assert.Equal(200, file.Status);
            Assert.NotEmpty(streamedBytes);
            Assert.Equal(streamedBytes, fileBytes);
            Assert.Equal(streamed.ContentType, file.ContentType);
            Assert.Equal(streamed.Headers.ContentDisposition.ToString(), file.Headers.ContentDisposition.ToString());
            Assert.Equal("no-store", file.Headers.CacheControl.ToString());
            Assert.Equal("nosniff", file.Headers.XContentTypeOptions.ToString());
            Assert.Equal(fileBytes.Length, file.Headers.ContentLength);
            var status = await app.ExportJobAsync(jobId);
            Assert.Equal(streamed.Rows(format).Count, status.Json.GetProperty("rows").GetInt32());
        }
    }

    [Fact]
    public async Task An_async_request_is_202_with_a_location_and_a_queued_job_that_the_trigger_runs_to_success()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pageId = CommentForms.NewPageId();
        app.RecordSubmitted(CommentForms.Body(pageId, "Personal words that stay out of every queue message."));
        await app.PostCommentAsync(CommentForms.Body(pageId, "Personal words that stay out of every queue message."));
        await app.PostCommentAsync(CommentForms.Body(pageId, "Two."));

        var queued = await app.QueueExportAsync("comments", "csv");

        var jobId = ExportJobCalls.JobIdOf(queued);
        Assert.Matches("^[0-9a-f]{32}$", jobId);
        Assert.Equal($"/api/manage/export-jobs/{jobId}", queued.Headers.Location.ToString());
        Assert.Equal("queued", queued.Json.GetProperty("status").GetString());
        Assert.Equal($"/api/manage/export-jobs/{jobId}", queued.Json.GetProperty("links").GetProperty("self").GetString());
        Assert.False(queued.Json.GetProperty("links").TryGetProperty("file", out _));
        Assert.Equal(["createdAt", "format", "from", "jobId", "kind", "links", "status", "to"], queued.Json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        // The message is the job id and nothing else.
        var message = Assert.Single(await app.TakeExportJobMessagesAsync());
        Assert.Equal($"{{\"jobId\":\"{jobId}\"}}", message.Body.ToString());
        Assert.Equal("queued", (await app.ExportJobAsync(jobId)).Json.GetProperty("status").GetString());

        await app.RunExportJobAsync(message);

        var status = await app.ExportJobAsync(jobId);
        Assert.Equal(200, status.Status);
        Assert.Equal("succeeded", status.Json.GetProperty("status").GetString());
        Assert.Equal(2, status.Json.GetProperty("rows").GetInt32());
        Assert.Equal($"/api/manage/export-jobs/{jobId}/file", status.Json.GetProperty("links").GetProperty("file").GetString());
        Assert.True(status.Json.TryGetProperty("finishedAt", out _));
        Assert.Equal(2, (await app.ExportJobFileAsync(jobId)).Rows("csv").Count);
    }

    [Fact]
    public async Task A_range_longer_than_the_sync_limit_is_a_job_and_one_of_exactly_that_length_is_streamed()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Exports:SyncMaxDays"] = "2" });

        var twoDays = await app.ExportRawAsync("votes", "?from=2026-01-01T00:00:00Z&to=2026-01-03T00:00:00Z");
        var longer = await app.ExportRawAsync("votes", "?from=2026-01-01T00:00:00Z&to=2026-01-03T00:00:01Z&async=false");
        var asked = await app.ExportRawAsync("votes", "?from=2026-01-01T00:00:00Z&to=2026-01-01T01:00:00Z&async=true");

        Assert.Equal(200, twoDays.Status);
        Assert.Equal(202, longer.Status);
        Assert.Equal(202, asked.Status);
        Assert.Equal(2, (await app.RunExportJobsAsync()).Count);
        Assert.Equal("succeeded", (await app.ExportJobAsync(ExportJobCalls.JobIdOf(longer))).Json.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("TRUE")]
    [InlineData("")]
    public async Task An_async_value_other_than_true_or_false_is_a_400_and_queues_nothing(string value)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await app.ExportRawAsync("votes", "?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&async=" + value);

        Assert.Equal(400, response.Status);
        Assert.Equal(["async"], response.ErrorFields);
        Assert.Empty(await app.TakeExportJobMessagesAsync());
        Assert.Empty(await app.Tables.ExportJobs.RowsAsync());
    }

    [Fact]
    public async Task An_unknown_or_malformed_job_id_is_a_404_problem_for_the_status_and_the_file()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        foreach (var jobId in new[] { ExportJobIds.New(), "not-a-job", "../exports" })
        {
            foreach (var response in new[] { await app.ExportJobAsync(jobId), await app.ExportJobFileAsync(jobId) })
            {
                Assert.Equal(404, response.Status);
                Assert.True(response.IsProblem);
                Assert.Equal("urn:submissions:problem:not-found", response.Json.GetProperty("type").GetString());
            }
        }
    }

    [Fact]
    public async Task The_file_of_a_job_that_has_not_succeeded_is_a_409_problem_and_nothing_is_audited()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var jobId = ExportJobCalls.JobIdOf(await app.QueueExportAsync("comments", "ndjson"));
        var store = app.Services.GetRequiredService<ExportJobStore>();
        var audited = (await app.Tables.Audit.RowsAsync()).Count;

        foreach (var status in new[] { ExportJobStatus.Queued, ExportJobStatus.Running, ExportJobStatus.Failed })
        {
            await store.SaveAsync((await store.FindAsync(jobId, TestContext.Current.CancellationToken))! with { Status = status }, TestContext.Current.CancellationToken);

            var response = await app.ExportJobFileAsync(jobId);

            Assert.Equal(409, response.Status);
            Assert.True(response.IsProblem);
            Assert.Equal("urn:submissions:problem:export-not-ready", response.Json.GetProperty("type").GetString());
        }

        Assert.Equal(audited, (await app.Tables.Audit.RowsAsync()).Count);
    }

    [Fact]
    public async Task A_job_is_audited_when_queued_completed_and_downloaded_by_who_asked_and_who_downloaded()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await app.PostCommentAsync(CommentForms.Body(CommentForms.NewPageId(), "One."));
        var requester = Guid.NewGuid().ToString();
        var downloader = Guid.NewGuid().ToString();
        var request = ExportCalls.Request("comments", ExportCalls.Query(ExportCalls.DayStart, ExportCalls.DayStart.AddDays(1), "csv") + "&async=true");
        request.Headers["X-MS-CLIENT-PRINCIPAL-ID"] = requester;

        var queued = await app.Function<ExportFunctions>().ExportAsync(request, "comments", TestContext.Current.CancellationToken).ExecuteAsync(request);
        var jobId = ExportJobCalls.JobIdOf(queued);
        await app.RunExportJobsAsync();
        var file = await app.ExportJobFileAsync(jobId, new Dictionary<string, string> { ["X-MS-CLIENT-PRINCIPAL-ID"] = downloader });

        Assert.Equal(200, file.Status);
        var audit = (await app.Services.GetRequiredService<AuditLog>().ReadMonthAsync("2026-11", TestContext.Current.CancellationToken)).OrderBy(record => record.At).ToList();
        Assert.Equal(["export-job-queued", "export-job-completed", "export-job-downloaded"], audit.Select(record => record.Action));
        Assert.Equal([requester, requester, downloader], audit.Select(record => record.Actor));
        Assert.Equal([0, 1, 1], audit.Select(record => record.Count));
        Assert.All(audit, record => Assert.Equal(
            $"kind=comments;from=2026-11-24T00:00:00.0000000+00:00;to=2026-11-25T00:00:00.0000000+00:00;format=csv;job={jobId}", record.Scope));
        var row = Assert.Single(await app.Tables.ExportJobs.RowsAsync());
        Assert.Equal(requester, row.GetString("RequestedBy"));
    }

    [Fact]
    public async Task A_redelivered_message_of_a_succeeded_job_does_nothing_and_one_of_a_running_or_failed_job_reruns_it()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await app.PostCommentAsync(CommentForms.Body(CommentForms.NewPageId(), "One."));
        var jobId = ExportJobCalls.JobIdOf(await app.QueueExportAsync("comments", "ndjson"));
        var message = Assert.Single(await app.TakeExportJobMessagesAsync());
        await app.RunExportJobAsync(message);
        var store = app.Services.GetRequiredService<ExportJobStore>();
        var done = await store.FindAsync(jobId, TestContext.Current.CancellationToken);
        var (_, firstFile) = await DownloadAsync(app, jobId);

        // Redelivered after success: one read of the job, no write.
        var roundTrips = await app.Requests.CountAsync(() => app.RunExportJobAsync(message));
        Assert.Equal(1, roundTrips);
        Assert.Equal(done, await store.FindAsync(jobId, TestContext.Current.CancellationToken));

        // An instance that stopped mid-run, or a failed run: the redelivery runs it again and replaces the file.
        await app.PostCommentAsync(CommentForms.Body(CommentForms.NewPageId(), "Two."));
        foreach (var (status, rows) in new[] { (ExportJobStatus.Running, 2), (ExportJobStatus.Failed, 2) })
        {
            await store.SaveAsync(done! with { Status = status, ErrorCode = status == ExportJobStatus.Failed ? ExportJobErrorCodes.StorageUnavailable : null }, TestContext.Current.CancellationToken);

            await app.RunExportJobAsync(message);

            var rerun = await store.FindAsync(jobId, TestContext.Current.CancellationToken);
            Assert.Equal((ExportJobStatus.Succeeded, rows, (string?)null), (rerun!.Status, rerun.Rows, rerun.ErrorCode));
            Assert.Equal(done!.Attempts + 1, rerun.Attempts);
        }

        var (_, lastFile) = await DownloadAsync(app, jobId);
        Assert.NotEqual(firstFile, lastFile);
        Assert.Equal(2, Encoding.UTF8.GetString(lastFile).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task A_job_whose_storage_fails_is_marked_failed_with_a_stable_code_and_rethrows_for_the_queue_to_retry()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var jobId = ExportJobCalls.JobIdOf(await app.QueueExportAsync("comments", "csv"));
        var message = Assert.Single(await app.TakeExportJobMessagesAsync());

        // The file cannot be written: its container is gone.
        await app.Services.GetRequiredService<SubmissionsBlobs>().Exports.DeleteAsync(cancellationToken: TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<Exception>(() => app.RunExportJobAsync(message));

        var status = await app.ExportJobAsync(jobId);
        Assert.Equal("failed", status.Json.GetProperty("status").GetString());
        Assert.Equal("storage-unavailable", status.Json.GetProperty("errorCode").GetString());
        Assert.Contains(app.Logs.GetSnapshot(), record => record.Id.Id == 4212 && record.Message.Contains("storage-unavailable", StringComparison.Ordinal));
        Assert.Equal(409, (await app.ExportJobFileAsync(jobId)).Status);
    }

    [Fact]
    public async Task A_message_that_is_not_a_job_message_or_names_no_job_is_dropped_without_retry()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        await app.RunExportJobAsync(Azure.Storage.Queues.Models.QueuesModelFactory.QueueMessage("m1", "r", "{\"jobId\":\"../x\"}", 1));
        await app.RunExportJobAsync(Azure.Storage.Queues.Models.QueuesModelFactory.QueueMessage("m2", "r", $"{{\"jobId\":\"{ExportJobIds.New()}\"}}", 1));

        Assert.Contains(app.Logs.GetSnapshot(), record => record.Id.Id == 4220);
        Assert.Contains(app.Logs.GetSnapshot(), record => record.Id.Id == 4210);
    }

    [Fact]
    public async Task The_purge_removes_jobs_and_files_older_than_the_configured_hours_and_keeps_newer_ones()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var old = ExportJobCalls.JobIdOf(await app.QueueExportAsync("comments", "csv"));
        await app.RunExportJobsAsync();
        app.Time.Advance(TimeSpan.FromHours(20));
        var recent = ExportJobCalls.JobIdOf(await app.QueueExportAsync("comments", "csv"));
        await app.RunExportJobsAsync();
        app.Time.Advance(TimeSpan.FromHours(5));
        var purge = app.Services.GetServices<Submissions.Application.Retention.IRetentionPurge>().Single(p => p.Kind == "export-files");

        var removed = await purge.PurgeAsync(purge.CutoffFor(app.Time.GetUtcNow()), TestContext.Current.CancellationToken);
        var again = await purge.PurgeAsync(purge.CutoffFor(app.Time.GetUtcNow()), TestContext.Current.CancellationToken);

        Assert.Equal((1, 0), (removed, again));
        Assert.Equal(404, (await app.ExportJobAsync(old)).Status);
        Assert.Equal(200, (await app.ExportJobFileAsync(recent)).Status);
        var blobs = new List<string>();
        await foreach (var blob in app.Services.GetRequiredService<SubmissionsBlobs>().Exports.GetBlobsAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            blobs.Add(blob.Name);
        }

        Assert.Equal([recent], blobs);
        Assert.Equal(24, app.Services.GetRequiredService<IOptions<Submissions.Application.Retention.RetentionOptions>>().Value.ExportFileHours);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public async Task A_sync_limit_that_is_not_positive_fails_start_up(string value)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Exports:SyncMaxDays"] = value }, initializeStorage: false);

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<ExportOptions>>().Value);

        Assert.Contains("Exports:SyncMaxDays", error.Message, StringComparison.Ordinal);
    }

    private static Task<(TestResponse Response, byte[] Bytes)> DownloadAsync(TestApp app, string jobId)
    {
        var request = HttpExchange.Request("GET", $"/api/manage/export-jobs/{jobId}/file", contentType: null);
        return ExecuteAsync(request, r => app.Function<ExportFunctions>().DownloadJobFileAsync(r, jobId, TestContext.Current.CancellationToken));
    }

    /// <summary>The response and the exact bytes of its body (the test exchange's body is a MemoryStream).</summary>
    private static async Task<(TestResponse Response, byte[] Bytes)> ExecuteAsync(HttpRequest request, Func<HttpRequest, Task<Microsoft.AspNetCore.Mvc.IActionResult>> call)
    {
        var response = await call(request).ExecuteAsync(request);
        return (response, ((MemoryStream)request.HttpContext.Response.Body).ToArray());
    }
}
