using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Submissions.Storage.Blobs;

namespace Submissions.Storage.Exports;

/// <summary>
/// Export jobs: their rows (<see cref="SubmissionsTables.ExportJobs"/>) and their files, one private blob each in
/// <see cref="SubmissionsBlobs.Exports"/> named by the job id alone.
/// </summary>
public sealed class ExportJobStore(SubmissionsTables tables, SubmissionsBlobs blobs)
{
    public Task AddAsync(ExportJob job, CancellationToken cancellationToken) =>
        tables.ExportJobs.AddEntityAsync(ExportJobEntity.Of(job), cancellationToken);

    /// <summary>The job, or null when there is none with this id (one point read).</summary>
    public async Task<ExportJob?> FindAsync(string jobId, CancellationToken cancellationToken)
    {
        var found = await tables.ExportJobs.GetEntityIfExistsAsync<ExportJobEntity>(jobId, ExportJobEntity.JobRowKey, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value!.ToJob() : null;
    }

    /// <summary>Writes the job's row as it now is: only the job's runner changes a job after it is queued.</summary>
    public Task SaveAsync(ExportJob job, CancellationToken cancellationToken) =>
        tables.ExportJobs.UpsertEntityAsync(ExportJobEntity.Of(job), TableUpdateMode.Replace, cancellationToken);

    /// <summary>
    /// A stream that replaces the job's file: blocks upload as it fills, the file is committed when the stream is
    /// disposed. A run that fails part-way may leave part of a file, but its job is not succeeded, so nothing serves it.
    /// </summary>
    public Task<Stream> OpenFileWriteAsync(string jobId, string contentType, CancellationToken cancellationToken) =>
        blobs.Exports.GetBlockBlobClient(jobId).OpenWriteAsync(
            overwrite: true,
            new BlockBlobOpenWriteOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
            cancellationToken);

    /// <summary>The job's file, streamed from storage; null when it does not exist.</summary>
    public async Task<ExportFile?> OpenFileAsync(string jobId, CancellationToken cancellationToken)
    {
        try
        {
            var download = await blobs.Exports.GetBlobClient(jobId).DownloadStreamingAsync(cancellationToken: cancellationToken);
            return new ExportFile(download.Value.Content, download.Value.Details.ContentLength);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Deletes the jobs created before <paramref name="cutoff"/>, each file before its row (so a run cut short leaves no
    /// file without the row that leads to it); returns how many jobs. One scan of the small jobs table.
    /// </summary>
    public async Task<int> PurgeCreatedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var filter = TableClient.CreateQueryFilter($"CreatedAt lt {cutoff}");
        await foreach (var job in tables.ExportJobs.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await blobs.Exports.DeleteBlobIfExistsAsync(job.PartitionKey, cancellationToken: cancellationToken);
            var response = await tables.ExportJobs.DeleteEntityAsync(job.PartitionKey, job.RowKey, ETag.All, cancellationToken);
            deleted += response.Status == 404 ? 0 : 1;
        }

        return deleted;
    }
}
