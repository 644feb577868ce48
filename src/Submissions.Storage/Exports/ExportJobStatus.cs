namespace Submissions.Storage.Exports;

/// <summary>Where an export job is: queued, running, then succeeded (its file written) or failed (with an error code).</summary>
public static class ExportJobStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
