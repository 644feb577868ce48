using Microsoft.Extensions.Options;
using Submissions.Storage.Exports;
using Submissions.Storage.Retention;

namespace Submissions.Application.Retention;

/// <summary>Export jobs past their age (<see cref="RetentionOptions.ExportFileHours"/>), each file with its job.</summary>
public sealed class ExportFilePurge(ExportJobStore jobs, IOptions<RetentionOptions> options) : IRetentionPurge
{
    public string Kind => PurgeKinds.ExportFiles;

    public int Order => RetentionOrder.ExportFiles;

    public DateTimeOffset CutoffFor(DateTimeOffset ranAt) => ranAt.AddHours(-options.Value.ExportFileHours);

    public Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => jobs.PurgeCreatedBeforeAsync(cutoff, cancellationToken);
}
