using System.Text.Json;
using Spectre.Console;
using Submissions.Cli.Api;
using Submissions.Cli.Output;

namespace Submissions.Cli.Exports;

/// <summary>
/// An export run as a job on the server (a range of any length): queued once — its id kept in the state, so a rerun
/// after a failure waits for the same job rather than queuing another — polled until it succeeded, and its file
/// downloaded whole into the .partial file (the file route sends a Content-Length but takes no ranges, so a broken
/// download is fetched again from its start).
/// </summary>
internal sealed class JobExport(AdminApiClient api, ExportRequest request, ExportFiles files, TimeSpan pollInterval)
{
    /// <summary>The tool's own problem type for a job the server reports failed: resuming it cannot help.</summary>
    public const string FailedJobType = "submissions-admin:export-job-failed";

    public async Task<ExportState> RunAsync(IAnsiConsole console, bool restart, CancellationToken cancellationToken)
    {
        var state = ExportState.LoadOrStart(files.State, request, api.BaseAddress, restart);
        if (state.JobId is null)
        {
            state = state with { JobId = await QueueAsync(cancellationToken) };
            state.Save(files.State);
        }
        else
        {
            console.MarkupLineInterpolated($"Resuming export job {state.JobId}.");
        }

        await console.Progress().StartAsync(async progress =>
        {
            var waiting = progress.AddTask($"Export job {state.JobId}").IsIndeterminate();
            await WaitForSuccessAsync(state.JobId, cancellationToken);
            waiting.Value = waiting.MaxValue;
            waiting.StopTask();
            PlainProgress.Line(console, $"Export job {state.JobId}: succeeded");
            state = state with { Bytes = await DownloadAsync(progress.AddTask($"Downloading {request.Kind}"), state.JobId, cancellationToken) };
        });
        return state;
    }

    private async Task<string> QueueAsync(CancellationToken cancellationToken)
    {
        using var response = await api.GetStreamAsync(request.JobPath(), cancellationToken);
        var job = await AdminApiClient.ReadJsonAsync(response, cancellationToken);
        return job.ValueKind == JsonValueKind.Object && job.TryGetProperty("jobId", out var id) && id.GetString() is { } jobId
            ? jobId
            : throw new ApiProblemException("The server did not queue an export job.");
    }

    private async Task WaitForSuccessAsync(string jobId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var job = await api.GetAsync($"manage/export-jobs/{Uri.EscapeDataString(jobId)}", cancellationToken);
            switch (job.GetProperty("status").GetString())
            {
                case "succeeded":
                    return;
                case "failed":
                    throw new ApiProblemException(new ApiProblem(0, FailedJobType, $"The export job failed ({job.GetProperty("errorCode").GetString()}).", "Run again with --restart to queue a new job.", [], null));
            }

            await Task.Delay(pollInterval, cancellationToken);
        }
    }

    private async Task<long> DownloadAsync(ProgressTask task, string jobId, CancellationToken cancellationToken)
    {
        using var response = await api.GetStreamAsync($"manage/export-jobs/{Uri.EscapeDataString(jobId)}/file", cancellationToken);
        task.MaxValue = Math.Max(1, response.Content.Headers.ContentLength ?? 1);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var file = PrivateFile.Open(files.Partial, FileMode.Create);
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            task.Increment(read);
        }

        file.Flush(flushToDisk: true);
        task.Value = task.MaxValue;
        return file.Length;
    }
}
